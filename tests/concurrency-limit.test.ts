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
