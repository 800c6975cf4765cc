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
  declare private readonly scratch: Uint8Array;
  /** Views of the first n bytes of `scratch`, by n. */
  declare private readonly views: Array<Uint8Array | undefined>;

  constructor() {
    this.scratch = new Uint8Array(SCRATCH_BYTES);
    this.views = [];
  }

  hash(prefix: Uint8Array, suffix: string): number {
    // UTF-16 code units encode to at most 3 UTF-8 bytes each.
    const max = prefix.length + suffix.length * 3;
    const bytes = max > SCRATCH_BYTES ? new Uint8Array(max) : this.scratch;
    bytes.set(prefix);
    const length = writeUtf8(bytes, prefix.length, suffix);
    if (bytes !== this.scratch) return murmurhash.v3(bytes.subarray(0, length), 0);
    let view = this.views[length];
    if (!view) this.views[length] = view = bytes.subarray(0, length);
    return murmurhash.v3(view, 0);
  }
}

/** Writes the UTF-8 of `text` into `out` from `at` (lone surrogates as U+FFFD); returns the end. */
function writeUtf8(out: Uint8Array, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) out[at++] = c;
    else {
      if (c < 0x800) out[at++] = 0xc0 | (c >> 6);
      else {
        if ((c & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
          // A surrogate pair: one code point, four bytes.
          c = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
          out[at++] = 0xf0 | (c >> 18);
          out[at++] = 0x80 | ((c >> 12) & 0x3f);
        } else {
          if ((c & 0xf800) === 0xd800) c = 0xfffd; // a lone surrogate
          out[at++] = 0xe0 | (c >> 12);
        }
        out[at++] = 0x80 | ((c >> 6) & 0x3f);
      }
      out[at++] = 0x80 | (c & 0x3f);
    }
  }
  return at;
}

/** MurmurHash3 x86_32, seed 0, of the UTF-8 bytes of `text` (unsigned). */
export function murmur3(text: string): number {
  return murmurhash.v3(utf8(text), 0);
}
