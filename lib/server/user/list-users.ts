import "server-only";
import { db } from "@/lib/db";

export async function listUsers(accountId: string) {
  return db.controllerUser.findMany({
    where: { accountId },
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
    select: {
      id: true,
      loginId: true,
      lastName: true,
      firstName: true,
      civility: true,
      email: true,
      phone: true,
      mobile: true,
      status: true,
      consoleAccess: true,
      disabled: true,
      pinLockedAt: true,
      ldapId: true,
      casId: true,
      wsfedId: true,
      assignments: { select: { planningId: true, profile: true } },
    },
  });
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];
