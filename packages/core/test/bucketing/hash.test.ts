import fc from "fast-check";
import murmurhash from "murmurhash";
import { describe, expect, it } from "vitest";
import { BUCKET_COUNT, murmur3, PrefixHasher, utf8 } from "../../src/bucketing/hash";
import { cases } from "../fixtures/cases";

describe("murmur3", () => {
  // spec/cases.json "hash": the spec's test values (section 3) and the empty string (seed 0 → 0).
  it.each(cases.hash)("hashes $input to $hash (bucket $bucket)", ({ input, hash, bucket }) => {
    expect(murmur3(input)).toBe(hash);
    expect(murmur3(input) % BUCKET_COUNT).toBe(bucket);
  });

  it("returns an unsigned 32-bit integer", () => {
    for (const text of ["", "a", "EXPKEY_user-1", "x".repeat(1000), "😀"]) {
      const h = murmur3(text);
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(2 ** 32);
    }
  });

  it("hashes UTF-8 bytes, not UTF-16 code units", () => {
    // "ü" is one UTF-16 unit but two UTF-8 bytes; a latin-1 hash would give another value.
    expect(murmur3("EXPKEY_ünïcode")).not.toBe(
      murmur3("EXPKEY_\u00fcn\u00efcode".normalize("NFD")),
    );
    expect(utf8("ü")).toEqual(new Uint8Array([0xc3, 0xbc]));
  });

  it("has 10 000 buckets", () => {
    expect(BUCKET_COUNT).toBe(10_000);
  });
});

describe("PrefixHasher", () => {
  // spec/cases.json "bucket": a user's hash is that of experimentKey + "_" + userId.
  it.each(cases.bucket)(
    'hashes prefix $experimentKey + "_" + $userId like murmur3 of the concatenation',
    ({ experimentKey, userId, hash, bucket }) => {
      const hasher = new PrefixHasher();
      expect(hasher.hash(utf8(`${experimentKey}_`), userId)).toBe(hash);
      expect(hash % BUCKET_COUNT).toBe(bucket);
    },
  );

  it("agrees with murmur3 for ids of every length and script", () => {
    const hasher = new PrefixHasher();
    const prefix = utf8("EXP_");
    for (const length of [0, 1, 3, 4, 5, 84, 85, 86, 255, 256, 1000, 70_000]) {
      for (const unit of ["a", "é", "中", "😀"]) {
        const id = unit.repeat(length);
        expect(hasher.hash(prefix, id)).toBe(murmur3(`EXP_${id}`));
      }
    }
  });

  it("keeps giving correct hashes after an oversized id (no state leaks between calls)", () => {
    const hasher = new PrefixHasher();
    const prefix = utf8("K_");
    const before = hasher.hash(prefix, "user-1");
    expect(hasher.hash(prefix, "x".repeat(100_000))).toBe(murmur3(`K_${"x".repeat(100_000)}`));
    expect(hasher.hash(prefix, "user-1")).toBe(before);
    expect(before).toBe(murmur3("K_user-1"));
  });

  it("encodes lone surrogates as U+FFFD, exactly like utf8()", () => {
    const hasher = new PrefixHasher();
    const id = "a\ud800b\udfffc";
    expect(hasher.hash(utf8("K_"), id)).toBe(murmur3(`K_${id}`));
    expect(murmur3(`K_${id}`)).toBe(murmur3("K_a\ufffdb\ufffdc"));
  });
});

describe("agreement with the murmurhash package (reference MurmurHash3 x86_32 over UTF-8 bytes)", () => {
  const reference = (bytes: Uint8Array) => murmurhash.v3(bytes as unknown as string, 0);
  const anyString = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.string({ unit: "grapheme" }),
    fc
      .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 })
      .map((units) => String.fromCharCode(...units)),
  );

  it("murmur3 matches for arbitrary strings, lone surrogates included", () => {
    fc.assert(
      fc.property(anyString, (text) => {
        expect(murmur3(text)).toBe(reference(utf8(text)));
      }),
      { numRuns: 2000 },
    );
  });

  it("PrefixHasher matches for arbitrary prefix bytes and suffixes", () => {
    const hasher = new PrefixHasher();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), anyString, (prefix, suffix) => {
        const suffixBytes = utf8(suffix);
        const all = new Uint8Array(prefix.length + suffixBytes.length);
        all.set(prefix, 0);
        all.set(suffixBytes, prefix.length);
        expect(hasher.hash(prefix, suffix)).toBe(reference(all));
      }),
      { numRuns: 2000 },
    );
  });

  it("matches at every tail length and for 1 MB input", () => {
    for (let n = 0; n < 64; n++) {
      const text = "abcdefgh".repeat(8).slice(0, n);
      expect(murmur3(text)).toBe(reference(utf8(text)));
    }
    const big = "ünïcode😀".repeat(100_000);
    expect(murmur3(big)).toBe(reference(utf8(big)));
  });
});
