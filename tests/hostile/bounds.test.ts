// Unauthenticated work is bounded. Before: 40 anonymous wrong sign-ins made a legitimate sign-in take
// 4.6–8.9 s instead of 0.12 s, every try waiting its turn in argon2's unbounded line.
import { describe, expect, it } from "vitest";
import { authenticateHosting } from "@/lib/server/sign-in/hosting/authenticate-hosting";
import { BUSY_MESSAGE } from "@/lib/server/security/secrets";
import { db } from "@/lib/db";
import { certifiedAccount, freshIp, outcome } from "./support";

const anonymousTry = (i: number) =>
  authenticateHosting({ hostingNumber: `7777777${String(i).padStart(5, "0")}`, password: "Mauvais-mot-de-passe", ip: freshIp() });

describe("Argon2's line", () => {
  it("keeps a legitimate sign-in within 3× of its time alone while 20 anonymous ones are judged", async () => {
    const owner = await certifiedAccount();
    const signIn = async () => {
      const start = performance.now();
      await authenticateHosting({
        hostingNumber: owner.hostingNumber,
        password: owner.consolePassword,
        ip: freshIp(),
        certificateToken: owner.certificateToken,
      });
      return performance.now() - start;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const alone: number[] = [];
    for (let i = 0; i < 5; i++) alone.push(await signIn());
    const during: number[] = [];
    for (let round = 0; round < 3; round++) {
      const anonymous = Array.from({ length: 20 }, (_, i) => outcome(anonymousTry(round * 20 + i)));
      // The legitimate one comes just after them, as in the issue (before: behind all of them).
      await new Promise((resolve) => setTimeout(resolve, 30));
      during.push(await signIn());
      await Promise.all(anonymous);
    }
    console.log(`sign-in alone ${median(alone).toFixed(0)} ms, beside 20 anonymous ${median(during).toFixed(0)} ms`);
    expect(median(during)).toBeLessThan(3 * median(alone));
  });

  it("answers 'Trop de tentatives en cours' at once beyond its bound, and counts no try for it", async () => {
    const start = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => ({ i, outcome: await outcome(anonymousTry(1000 + i)), ms: performance.now() - start })),
    );
    const busy = outcomes.filter((o) => o.outcome === "BUSY");
    expect(busy.length).toBeGreaterThan(20);
    expect(outcomes.filter((o) => o.outcome === "INVALID_CREDENTIALS").length).toBe(60 - busy.length);
    // Refused without waiting its turn: well before the last of the judged ones is answered.
    const judged = outcomes.filter((o) => o.outcome !== "BUSY");
    expect(Math.max(...busy.map((o) => o.ms))).toBeLessThan(0.5 * Math.max(...judged.map((o) => o.ms)));
    const counted = await db.signInThrottle.count({
      where: { key: { in: busy.map((o) => `hosting:7777777${String(1000 + o.i).padStart(5, "0")}`) }, failures: { gt: 0 } },
    });
    expect(counted).toBe(0);
    expect(BUSY_MESSAGE).toBe("Trop de tentatives en cours, réessayez dans un instant.");
  });
});
