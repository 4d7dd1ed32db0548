import { afterEach, describe, expect, it, vi } from "vitest";
import { clock, setTestClock } from "@/lib/clock";

afterEach(() => {
  vi.unstubAllEnvs();
  setTestClock(null);
});

describe("the console's clock", () => {
  it("reads the test clock, which runs on from where it was set, and comes back to the real one", async () => {
    setTestClock(new Date("2027-07-01T00:00:00Z"));
    const first = clock.now().getTime();
    expect(Math.abs(first - Date.parse("2027-07-01T00:00:00Z"))).toBeLessThan(50);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clock.now().getTime()).toBeGreaterThan(first);
    setTestClock(null);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(50);
  });

  it("is refused in production", () => {
    vi.stubEnv("NODE_ENV", "production");
    expect(() => setTestClock(new Date("2027-07-01T00:00:00Z"))).toThrow("L'horloge de test est refusée en production.");
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(50);
  });
});
