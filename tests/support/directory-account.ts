import { associateControllerDomain } from "@/lib/server/controller/associate-controller-domain";
import { setControllerStatus } from "@/lib/server/controller/set-controller-status";
import { createFirstSuperadmin } from "@/lib/server/user/create-first-superadmin";
import { createUser } from "@/lib/server/user/create-user";
import { updateUser } from "@/lib/server/user/update-user";
import { newAccount, uniqueLabel } from "./fixtures";

export const responsibleOf = (accountId: string) => ({ accountId, actor: "responsable", ip: "127.0.0.1" });

/**
 * An account whose controller runs at its domain, with the compte de secours (superadministrator
 * "secours", a local password) and the users `users` — each with the delegated identifiers given.
 */
export async function directoryAccount(
  users: { loginId: string; lastName: string; firstName: string; ids: { ldapId?: string; casId?: string } }[],
) {
  const account = await newAccount();
  const ctx = responsibleOf(account.accountId);
  const { fqdn } = await associateControllerDomain({ ...ctx, domain: uniqueLabel() });
  await createFirstSuperadmin(ctx, { firstName: "Secours", lastName: "Compte", loginId: "secours", password: "Motdepasse2026!" });
  await setControllerStatus(ctx, true);
  const created = [];
  for (const u of users) {
    const user = await createUser(ctx, { loginId: u.loginId, lastName: u.lastName, firstName: u.firstName });
    await updateUser(ctx, user.id, { ...u.ids, email: `${u.loginId}@ecole.test` });
    created.push(user);
  }
  return { account, ctx, fqdn, users: created };
}
