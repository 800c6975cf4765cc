import murmurhash from "murmurhash";

/** Number of buckets: a bucket is `hash % 10000`, 0..9999. */
export const BUCKET_COUNT = 10_000;

const encoder = new TextEncoder();

/** UTF-8 bytes of `text`. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * MurmurHash3 x86_32 (seed 0) of `prefix` bytes followed by the UTF-8 of `suffix`, computed in a
 * reused scratch buffer so the hot path allocates only a subarray view.
 */
export class PrefixHasher {
  private scratch = new Uint8Array(256);

  hash(prefix: Uint8Array, suffix: string): number {
    // UTF-16 code units encode to at most 3 UTF-8 bytes each.
    const needed = prefix.length + suffix.length * 3;
    if (needed > this.scratch.length) this.scratch = new Uint8Array(needed);
    const scratch = this.scratch;
    scratch.set(prefix, 0);
    const { written } = encoder.encodeInto(suffix, scratch.subarray(prefix.length));
    const hash = murmurhash.v3(scratch.subarray(0, prefix.length + written), 0);
    // Do not keep huge buffers alive after an oversized id.
    if (scratch.length > 65_536) this.scratch = new Uint8Array(256);
    return hash;
  }
}

/** MurmurHash3 x86_32, seed 0, of the UTF-8 bytes of `text` (unsigned). */
export function murmur3(text: string): number {
  return murmurhash.v3(utf8(text), 0);
}
