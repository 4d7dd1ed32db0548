import { describe, expect, it, vi } from "vitest";

// The last write of "Créer une base" fails, as a crash between two statements would.
vi.mock("@/lib/server/audit/record-audit-event", () => ({
  recordAuditEvent: async (input: { action: string }) => {
    if (input.action === "base.create") throw new Error("disque plein");
  },
}));

const { db } = await import("@/lib/db");
const { createBase } = await import("@/lib/server/base/create-base");
const { defaultGrid } = await import("@/lib/timetable-grid");
const { asResponsible, readyAccount } = await import("./support/fixtures");

describe("F8 in one transaction", () => {
  it("leaves no half-created base and the planning as it was when the creation fails midway", async () => {
    const account = await readyAccount();
    const planning = account.plannings[0];
    await expect(createBase(asResponsible(account.accountId), planning.id, defaultGrid(2026))).rejects.toThrow("disque plein");
    expect(await db.timetableBase.count({ where: { planningId: planning.id } })).toBe(0);
    expect(await db.planning.findUniqueOrThrow({ where: { id: planning.id } })).toMatchObject({
      status: "STOPPED",
      publication: "UNPUBLISHED",
    });
  });
});
