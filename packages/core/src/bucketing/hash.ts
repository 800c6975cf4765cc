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
 * of `suffix`. The bytes are written into a reused scratch buffer and handed to the package as a
 * cached view of the right length, so hashing the usual id allocates nothing. Lone surrogates are
 * encoded as U+FFFD, exactly like `TextEncoder`.
 */
export class PrefixHasher {
  private readonly scratch = new Uint8Array(SCRATCH_BYTES);
  private readonly views: Array<Uint8Array | undefined> = [];

  hash(prefix: Uint8Array, suffix: string): number {
    // UTF-16 code units encode to at most 3 UTF-8 bytes each.
    if (prefix.length + suffix.length * 3 > SCRATCH_BYTES) {
      const bytes = new Uint8Array(prefix.length + suffix.length * 3);
      bytes.set(prefix, 0);
      return murmurhash.v3(bytes.subarray(0, writeUtf8(bytes, prefix.length, suffix)), 0);
    }
    const scratch = this.scratch;
    scratch.set(prefix, 0);
    const length = writeUtf8(scratch, prefix.length, suffix);
    let view = this.views[length];
    if (view === undefined) {
      view = scratch.subarray(0, length);
      this.views[length] = view;
    }
    return murmurhash.v3(view, 0);
  }
}

/** Writes the UTF-8 of `text` into `out` from `at`; returns the end offset. */
function writeUtf8(out: Uint8Array, at: number, text: string): number {
  let o = at;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[o++] = c;
    } else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          out[o++] = 0xf0 | (cp >> 18);
          out[o++] = 0x80 | ((cp >> 12) & 0x3f);
          out[o++] = 0x80 | ((cp >> 6) & 0x3f);
          out[o++] = 0x80 | (cp & 0x3f);
          i++;
          continue;
        }
        c = 0xfffd; // a lone surrogate
      }
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    }
  }
  return o;
}

/** MurmurHash3 x86_32, seed 0, of the UTF-8 bytes of `text` (unsigned). */
export function murmur3(text: string): number {
  return murmurhash.v3(utf8(text), 0);
}
