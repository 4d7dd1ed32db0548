import { describe, expect, it } from "vitest";
import { concurrencyLimit } from "@/lib/concurrency-limit";

describe("the argon2 gate", () => {
  it("never runs more than its limit at once, serves everyone in order, and survives a failing task", async () => {
    const gate = concurrencyLimit(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const task = (i: number) => async () => {
      started.push(i);
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5 + (i % 3)));
      running--;
      if (i === 3) throw new Error("échec");
      return i;
    };
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => gate(task(i))));
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(9);
    // The place of the failed task was handed on: a new task still gets in at once.
    expect(await gate(async () => "libre")).toBe("libre");
  });
});

describe("the argon2 gate's share of the machine", () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("rests a place as long again as its task at share 0.5, without delaying a task's own answer", async () => {
    const gate = concurrencyLimit(1, 0.5);
    const begin = performance.now();
    const starts: number[] = [];
    const ends: number[] = [];
    await Promise.all(
      Array.from({ length: 4 }, () =>
        gate(async () => {
          starts.push(performance.now() - begin);
          await sleep(40);
        }).then(() => ends.push(performance.now() - begin)),
      ),
    );
    // Each task waits for the previous one and its rest: 0, ≥ 80, ≥ 160, ≥ 240 ms.
    for (const [i, start] of starts.entries()) expect(start).toBeGreaterThanOrEqual(i * 80 - 2);
    // The first caller has its answer when its task ends, not after the rest.
    expect(ends[0]).toBeLessThan(75);
  });

  it("does not rest at share 1", async () => {
    const gate = concurrencyLimit(1);
    const begin = performance.now();
    await Promise.all(Array.from({ length: 4 }, () => gate(() => sleep(20))));
    expect(performance.now() - begin).toBeLessThan(150);
  });
});
