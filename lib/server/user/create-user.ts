import "server-only";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/server/errors";
import { encryptProvisional, newProvisionalPassword } from "@/lib/server/security/provisional";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { searchKeyOf } from "@/lib/search-key";
import type { Actor } from "@/lib/server/actor";

type Input = { loginId: string; lastName: string; firstName: string };

/** A new user's row: status Utilisateur (the default) and an encrypted provisional password. */
function newUserRow(accountId: string, input: Input) {
  const provisionalPassword = newProvisionalPassword();
  return {
    provisionalPassword,
    data: {
      accountId,
      loginId: input.loginId,
      loginKey: input.loginId.toLowerCase(),
      lastName: input.lastName.toUpperCase(),
      firstName: input.firstName,
      searchKey: searchKeyOf(input),
      provisionalPasswordEnc: encryptProvisional(provisionalPassword),
    },
  };
}

/**
 * F13 "Nouveau": status Utilisateur and a generated provisional password, returned once so that
 * the administrator sees it; afterwards only a connection letter prints it.
 */
export async function createUser(ctx: Actor, input: Input) {
  const { provisionalPassword, data } = newUserRow(ctx.accountId, input);
  try {
    const user = await db.$transaction(async (tx) => {
      const created = await tx.controllerUser.create({ data, select: { id: true, loginId: true } });
      await recordAuditEvent({ ...ctx, action: "user.create", detail: created.loginId }, tx);
      return created;
    });
    return { ...user, provisionalPassword };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("LOGIN_TAKEN", `L'identifiant de connexion ${input.loginId} est déjà utilisé.`, "loginId");
    }
    throw error;
  }
}

/**
 * Many users at once (an import at the start of the year): one transaction, one audit line, and
 * provisional passwords that cost an AES encryption each rather than an argon2 hash.
 */
export async function createUsers(ctx: Actor, inputs: Input[]) {
  const keys = new Set<string>();
  for (const input of inputs) {
    const key = input.loginId.toLowerCase();
    if (keys.has(key)) throw new AppError("LOGIN_TAKEN", `L'identifiant de connexion ${input.loginId} apparaît deux fois.`);
    keys.add(key);
  }
  const rows = inputs.map((input) => newUserRow(ctx.accountId, input));
  try {
    await db.$transaction(async (tx) => {
      await tx.controllerUser.createMany({ data: rows.map((r) => r.data) });
      await recordAuditEvent({ ...ctx, action: "user.create", detail: `${rows.length} utilisateurs` }, tx);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("LOGIN_TAKEN", "Un de ces identifiants de connexion est déjà utilisé : aucun utilisateur n'a été créé.");
    }
    throw error;
  }
  return rows.map((r) => ({ loginId: r.data.loginId, provisionalPassword: r.provisionalPassword }));
}
