import { describe, expect, it } from "vitest";
import { Fifo } from "../../src/events/Fifo";

describe("Fifo", () => {
  it("keeps first-in first-out order across compactions", () => {
    const q = new Fifo<number>();
    const out: number[] = [];
    for (let i = 0; i < 5000; i++) {
      q.push(i);
      if (i % 3 === 2) out.push(q.shift()!, q.shift()!);
    }
    expect(q.size).toBe(5000 - out.length);
    out.push(...q.drain());
    expect(out).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(q.size).toBe(0);
    expect(q.shift()).toBeUndefined();
  });
});
