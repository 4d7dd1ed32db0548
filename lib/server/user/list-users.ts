import "server-only";
import { db } from "@/lib/db";
import { fold } from "@/lib/search-key";

const userColumns = {
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
} as const;

const order = [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }] as const;

export async function listUsers(accountId: string) {
  return db.controllerUser.findMany({ where: { accountId }, orderBy: [...order], select: userColumns });
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];

export const USERS_PAGE_SIZE = 50;

/** F5 "Liste des utilisateurs", a page at a time, searched on the server by name or login. */
export async function listUsersPage(accountId: string, options: { search?: string; page?: number } = {}) {
  const where = { accountId, ...(options.search ? { searchKey: { contains: fold(options.search) } } : {}) };
  const [total, populationTotal] = await Promise.all([
    db.controllerUser.count({ where }),
    db.controllerUser.count({ where: { accountId } }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1) || 1), pageCount);
  const rows = await db.controllerUser.findMany({
    where,
    orderBy: [...order],
    select: userColumns,
    skip: (page - 1) * USERS_PAGE_SIZE,
    take: USERS_PAGE_SIZE,
  });
  return { rows, total, populationTotal, page, pageCount };
}

/** F4 is shown while the account has no superadministrator. */
export async function hasSuperadmin(accountId: string) {
  return (await db.controllerUser.count({ where: { accountId, status: "SUPERADMIN" } })) > 0;
}
