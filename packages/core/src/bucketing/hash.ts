/** Number of buckets: a bucket is `hash % 10000`, 0..9999. */
export const BUCKET_COUNT = 10_000;

const encoder = new TextEncoder();

/** UTF-8 bytes of `text` (lone surrogates become U+FFFD, as everywhere in this package). */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/**
 * MurmurHash3 x86_32 (seed 0) of `prefix` bytes followed by the UTF-8 of `suffix`. The suffix is
 * encoded on the fly into the hash's 4-byte blocks, so hashing allocates nothing. Lone
 * surrogates are hashed as U+FFFD, exactly like `TextEncoder`.
 */
export class PrefixHasher {
  private h = 0;
  /** Bytes of the current, incomplete block. */
  private k = 0;
  /** Bit offset of the next byte in `k` (0, 8, 16 or 24). */
  private shift = 0;

  hash(prefix: Uint8Array, suffix: string): number {
    this.h = 0;
    this.k = 0;
    this.shift = 0;
    for (let i = 0; i < prefix.length; i++) this.byte(prefix[i]!);
    let length = prefix.length;
    for (let i = 0; i < suffix.length; i++) {
      const c = suffix.charCodeAt(i);
      if (c < 0x80) {
        this.byte(c);
        length += 1;
      } else if (c < 0x800) {
        this.byte(0xc0 | (c >> 6));
        this.byte(0x80 | (c & 0x3f));
        length += 2;
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < suffix.length ? suffix.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          this.byte(0xf0 | (cp >> 18));
          this.byte(0x80 | ((cp >> 12) & 0x3f));
          this.byte(0x80 | ((cp >> 6) & 0x3f));
          this.byte(0x80 | (cp & 0x3f));
          length += 4;
          i++;
        } else {
          // A lone surrogate: U+FFFD.
          this.byte(0xef);
          this.byte(0xbf);
          this.byte(0xbd);
          length += 3;
        }
      } else {
        this.byte(0xe0 | (c >> 12));
        this.byte(0x80 | ((c >> 6) & 0x3f));
        this.byte(0x80 | (c & 0x3f));
        length += 3;
      }
    }
    let h = this.h;
    if (this.shift !== 0) h ^= mixK(this.k);
    h ^= length;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
  }

  private byte(b: number): void {
    this.k |= b << this.shift;
    this.shift += 8;
    if (this.shift === 32) {
      let h = this.h ^ mixK(this.k);
      h = (h << 13) | (h >>> 19);
      this.h = (Math.imul(h, 5) + 0xe6546b64) | 0;
      this.k = 0;
      this.shift = 0;
    }
  }
}

function mixK(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

const NO_PREFIX = new Uint8Array(0);
const shared = new PrefixHasher();

/** MurmurHash3 x86_32, seed 0, of the UTF-8 bytes of `text` (unsigned). */
export function murmur3(text: string): number {
  return shared.hash(NO_PREFIX, text);
}
