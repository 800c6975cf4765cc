import murmurhash from "murmurhash";

/** Number of buckets: a bucket is `hash % 10000`, 0..9999. */
export const BUCKET_COUNT = 10_000;

const encoder = new TextEncoder();

/** UTF-8 bytes of `text` (lone surrogates become U+FFFD, as everywhere in this package). */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Inputs up to this many bytes hash through cached views of the scratch buffer. */
const SCRATCH_BYTES = 512;

/**
 * MurmurHash3 x86_32 (seed 0, the `murmurhash` package) of `prefix` bytes followed by the UTF-8
 * of `suffix` (lone surrogates as U+FFFD, as `TextEncoder` does). The bytes are written into a
 * reused scratch buffer through cached views, so hashing the usual id allocates (almost) nothing.
 */
export class PrefixHasher {
  readonly #scratch = new Uint8Array(SCRATCH_BYTES);
  /** Views of `scratch`: its first n bytes, by n. */
  readonly #heads: Uint8Array[] = [];
  /** Views of `scratch`: from byte n on, by n. */
  readonly #tails: Uint8Array[] = [];

  hash(prefix: Uint8Array, suffix: string): number {
    const at = prefix.length;
    // UTF-16 code units encode to at most 3 UTF-8 bytes each.
    const size = at + suffix.length * 3;
    if (size > SCRATCH_BYTES) {
      const bytes = new Uint8Array(size);
      bytes.set(prefix);
      const end = at + encoder.encodeInto(suffix, bytes.subarray(at)).written;
      return murmurhash.v3(bytes.subarray(0, end), 0);
    }
    const scratch = this.#scratch;
    const heads = this.#heads;
    const tails = this.#tails;
    scratch.set(prefix);
    let tail = tails[at];
    if (!tail) {
      tail = scratch.subarray(at);
      tails[at] = tail;
    }
    const end = at + encoder.encodeInto(suffix, tail).written;
    let head = heads[end];
    if (!head) {
      head = scratch.subarray(0, end);
      heads[end] = head;
    }
    return murmurhash.v3(head, 0);
  }
}

/** MurmurHash3 x86_32, seed 0, of the UTF-8 bytes of `text` (unsigned). */
export function murmur3(text: string): number {
  return murmurhash.v3(utf8(text), 0);
}
