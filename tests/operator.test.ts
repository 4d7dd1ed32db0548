// Issue 29, the provider's back office: its operators, their own sign-in with a mandatory second
// factor and their own sessions, the permission table, the accounts list.
import { randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createOperator } from "@/lib/server/operator/create-operator";
import { listAccounts } from "@/lib/server/operator/list-accounts";
import { OPERATOR_PERMISSIONS, operatorCan, type OperatorPermission } from "@/lib/server/operator/permissions";
import {
  OPERATOR_ACTIONS,
  type OperatorActionInput,
  type OperatorActionName,
  runOperatorAction,
} from "@/lib/server/operator/operator-actions";
import { closeOperatorSession, operatorOfSession } from "@/lib/server/sign-in/operator/operator-sessions";
import {
  confirmOperatorEnrolment,
  finishOperatorSignIn,
  INVALID_OPERATOR_CREDENTIALS,
  startOperatorEnrolment,
  startOperatorSignIn,
} from "@/lib/server/sign-in/operator/operator-sign-in";
import { FREE_FAILURES } from "@/lib/server/sign-in/throttle";
import { burst, freshIp } from "./hostile/support";
import { newAccount, uniqueLabel } from "./support/fixtures";

const codeOf = (secret: string, offset = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret.replace(/\s/g, "")), algorithm: "SHA1", digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offset * 30_000,
  });

const newOperator = (role: "SUPPORT" | "ADMINISTRATION" = "ADMINISTRATION") =>
  createOperator(
    { email: `Op${randomInt(1e6, 1e7)}@Hebergeur.test`, name: "Claire Support", role },
    { actor: "console (ligne de commande)" },
  );

/** The first sign-in of an operator: his password, his application added, the session opened. */
async function firstSignIn(operator: { email: string; password: string }) {
  const client = { ip: freshIp() };
  const step = await startOperatorSignIn({ email: operator.email, password: operator.password }, client);
  expect(step.next).toBe("enrol-second-factor");
  const enrolment = await startOperatorEnrolment({ ticket: step.ticket });
  const done = await confirmOperatorEnrolment(
    { ticket: step.ticket, factorId: enrolment.factorId, code: codeOf(enrolment.secret, -1), name: "" },
    client,
  );
  return { ...done, secret: enrolment.secret };
}

describe("Operators", () => {
  it("are added with a password shown once and stored as argon2id, their e-mail lower-cased and unique", async () => {
    const operator = await newOperator();
    expect(operator.email).toBe(operator.email.toLowerCase());
    expect(operator.password).toHaveLength(16);
    const row = await db.operator.findUniqueOrThrow({ where: { id: operator.id }, omit: { passwordHash: false } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    await expect(createOperator({ email: operator.email.toUpperCase(), name: "Autre", role: "SUPPORT" }, { actor: "x" })).rejects.toThrow(
      "Un opérateur a déjà cette adresse e-mail.",
    );
    expect(await db.auditEvent.count({ where: { accountId: null, action: "operator.add", detail: { contains: operator.email } } })).toBe(1);
  });

  it("sign in with their password and always a second factor, added at the first sign-in", async () => {
    const operator = await newOperator("SUPPORT");
    await expect(startOperatorSignIn({ email: operator.email, password: "Mauvais-mot-de-passe" }, { ip: freshIp() })).rejects.toThrow(
      INVALID_OPERATOR_CREDENTIALS,
    );
    await expect(startOperatorSignIn({ email: "inconnu@hebergeur.test", password: operator.password }, { ip: freshIp() })).rejects.toThrow(
      INVALID_OPERATOR_CREDENTIALS,
    );
    const { recoveryCodes, sessionToken, secret } = await firstSignIn(operator);
    expect(recoveryCodes).toHaveLength(10);
    expect(await operatorOfSession(sessionToken)).toMatchObject({ operatorId: operator.id, role: "SUPPORT" });
    // The next sign-in asks his code; his password alone adds no other application.
    const step = await startOperatorSignIn({ email: operator.email.toUpperCase(), password: operator.password }, { ip: freshIp() });
    expect(step.next).toBe("second-factor");
    await expect(startOperatorEnrolment({ ticket: step.ticket })).rejects.toThrow("Cette étape n'est pas attendue.");
    await expect(finishOperatorSignIn({ ticket: step.ticket, code: "000000" }, { ip: freshIp() })).rejects.toThrow(/Code incorrect/);
    const second = await finishOperatorSignIn({ ticket: step.ticket, code: codeOf(secret) }, { ip: freshIp() });
    expect(await operatorOfSession(second.sessionToken)).not.toBeNull();
    // Signed out, disabled, or his sessions' version moved: the cookie opens nothing.
    await closeOperatorSession(second.sessionToken);
    expect(await operatorOfSession(second.sessionToken)).toBeNull();
    await db.operator.update({ where: { id: operator.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await operatorOfSession(sessionToken)).toBeNull();
    expect(await operatorOfSession(undefined)).toBeNull();
    expect(await operatorOfSession("n'importe-quoi")).toBeNull();
  });

  it("judge five of fifty wrong passwords sent at once", async () => {
    const operator = await newOperator();
    const counts = await burst(50, (i) => startOperatorSignIn({ email: operator.email, password: `Mauvais-${i}` }, { ip: freshIp() }));
    expect(counts.INVALID_CREDENTIALS).toBe(FREE_FAILURES);
    expect((counts.THROTTLED ?? 0) + (counts.BUSY ?? 0)).toBe(50 - FREE_FAILURES);
  });

  it("hold the permissions of their role: support reads, re-sends and resets; administration does everything", () => {
    const supportMay: OperatorPermission[] = ["accounts.read", "credentials.resend", "console-password.reset", "second-factor.reset"];
    for (const permission of Object.keys(OPERATOR_PERMISSIONS) as OperatorPermission[]) {
      expect(operatorCan("ADMINISTRATION", permission), permission).toBe(true);
      expect(operatorCan("SUPPORT", permission), permission).toBe(supportMay.includes(permission));
    }
  });
});

describe("Every operator action × role", () => {
  it("runs what the role holds and refuses the rest, changing nothing; each action in the school's journal with the role", async () => {
    const { accountId } = await newAccount();
    const superadmin = await db.controllerUser.create({
      data: { accountId, loginId: "pmartin", loginKey: "pmartin", lastName: "Martin", firstName: "Pierre", status: "SUPERADMIN" },
    });
    const inputs: { [N in OperatorActionName]: OperatorActionInput<N> } = {
      "resend-credentials": { accountId },
      "reset-console-password": { accountId },
      "reset-second-factor": { accountId, userId: superadmin.id },
      "add-operator": { email: `nouveau${randomInt(1e6, 1e7)}@hebergeur.test`, name: "Nouveau", role: "SUPPORT" },
    };
    for (const role of ["SUPPORT", "ADMINISTRATION"] as const) {
      const op = { operatorId: "op", name: `Claire (${role})`, role, ip: freshIp() };
      for (const name of Object.keys(OPERATOR_ACTIONS) as OperatorActionName[]) {
        const allowed = operatorCan(role, OPERATOR_ACTIONS[name].permission);
        const lines = await db.auditEvent.count();
        const run = runOperatorAction(op, name, {
          ...inputs[name],
          ...(name === "add-operator" ? { email: `${role}${inputs[name].email}` } : {}),
        } as never);
        if (allowed) await run;
        else {
          await expect(run, `${role} ${name}`).rejects.toThrow("Vous n'avez pas accès à cette fonction.");
          expect(await db.auditEvent.count(), `${role} ${name} wrote nothing`).toBe(lines);
        }
      }
    }
    const journal = await db.auditEvent.findMany({
      where: { accountId, actor: { startsWith: "hébergeur" } },
      orderBy: { createdAt: "asc" },
    });
    expect(journal.map((e) => `${e.actor} ${e.action}`)).toEqual([
      "hébergeur (support) operator.resend-credentials",
      "hébergeur (support) account.password-reset",
      "hébergeur (support) factor.reset",
      "hébergeur (administration) operator.resend-credentials",
      "hébergeur (administration) account.password-reset",
      "hébergeur (administration) factor.reset",
    ]);
    expect(await db.operator.count({ where: { email: { startsWith: "support" } } })).toBe(0);
    expect(await db.operator.count({ where: { email: { startsWith: "administration" } } })).toBe(1);
  });

  it("answers 'not found' for an account or a user that is not there, and never reaches another account's user", async () => {
    const a = await newAccount();
    const b = await newAccount();
    const other = await db.controllerUser.create({
      data: {
        accountId: b.accountId,
        loginId: "x",
        loginKey: `x${randomInt(1e6, 1e7)}`,
        lastName: "X",
        firstName: "Y",
        status: "SUPERADMIN",
      },
    });
    const op = { operatorId: "op", name: "Claire", role: "SUPPORT" as const, ip: freshIp() };
    await expect(runOperatorAction(op, "resend-credentials", { accountId: "inconnu" })).rejects.toThrow("Élément introuvable.");
    await expect(runOperatorAction(op, "reset-second-factor", { accountId: a.accountId, userId: other.id })).rejects.toThrow(
      "Élément introuvable.",
    );
  });
});

describe("The accounts list", () => {
  it("finds an account by UAI, folded name, e-mail or domain, filters by product, fifty to a page", async () => {
    const rne = `0${randomInt(100000, 999999)}X`;
    const label = uniqueLabel("lycee");
    const account = await newAccount("PRONOTE", { rne });
    await db.hostingAccount.update({
      where: { id: account.accountId },
      data: { establishment: "Lycée Émile Zola", searchKey: `lycee emile zola ${rne.toLowerCase()} camille test ${account.email}` },
    });
    const controller = await db.controller.findUniqueOrThrow({ where: { accountId: account.accountId } });
    await db.domain.create({ data: { accountId: account.accountId, controllerId: controller.id, fqdn: `${label}.index-education.net` } });
    for (const search of [rne, rne.toLowerCase(), "LYCÉE emile", account.email.toUpperCase(), label]) {
      const found = await listAccounts({ search });
      expect(
        found.rows.map((r) => r.id),
        search,
      ).toContain(account.accountId);
    }
    expect((await listAccounts({ search: rne, product: "HYPERPLANNING" })).total).toBe(0);
    expect((await listAccounts({ search: rne, product: "PRONOTE" })).rows[0].controller?.domain?.fqdn).toBe(`${label}.index-education.net`);
    const all = await listAccounts({});
    expect(all.rows.length).toBe(Math.min(50, all.total));
    const last = await listAccounts({ page: 10_000 });
    expect(last.page).toBe(last.pageCount);
  });
});
