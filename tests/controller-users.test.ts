import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createFirstSuperadmin } from "@/lib/server/user/create-first-superadmin";
import { createUser, createUsers } from "@/lib/server/user/create-user";
import { updateUser } from "@/lib/server/user/update-user";
import { listUsers } from "@/lib/server/user/list-users";
import { assignProfile, unassignProfile } from "@/lib/server/profile/assign-profile";
import { setControllerStatus } from "@/lib/server/controller/set-controller-status";
import { associateControllerDomain } from "@/lib/server/controller/associate-controller-domain";
import { decryptProvisional, matchesProvisional } from "@/lib/server/security/provisional";
import { passwordRules } from "@/lib/password-rules";
import { storedRows } from "./support/stored";
import { firstSuperadminSchema, updateUserSchema } from "@/lib/schemas/user";
import { AppError } from "@/lib/server/errors";
import { newAccount, uniqueLabel } from "./support/fixtures";

const ctx = (accountId: string) => ({ accountId, actor: "responsable", ip: "127.0.0.1" });
const STRONG = "Motdepasse2026!";
const admin = { firstName: "Pierre", lastName: "Martin", loginId: "pmartin", password: STRONG };

describe("F4 first superadministrator", () => {
  it("checks each password rule of the guide", () => {
    const failing = (pw: string) =>
      passwordRules(pw)
        .filter((r) => !r.ok)
        .map((r) => r.id);
    expect(failing("Court1!")).toEqual(["length"]);
    expect(failing("123456789012!")).toEqual(["letter", "case"]);
    expect(failing("Motdepassesans!")).toEqual(["digit"]);
    expect(failing("Motdepasse2026")).toEqual(["special"]);
    expect(failing("motdepasse2026!")).toEqual(["case"]);
    expect(failing(STRONG)).toEqual([]);
    expect(failing("Élève-2026-été")).toEqual([]);
  });

  it("enforces the rules on the server, not only in the form", async () => {
    const account = await newAccount();
    await expect(createFirstSuperadmin(ctx(account.accountId), { ...admin, password: "motdepasse2026!" })).rejects.toThrow(
      "Le mot de passe doit mélanger des minuscules et majuscules",
    );
    expect(await db.controllerUser.count({ where: { accountId: account.accountId } })).toBe(0);
  });

  it("refuses a confirmation that differs", () => {
    const parsed = firstSuperadminSchema.safeParse({ ...admin, confirmation: "Motdepasse2026?" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ["confirmation"],
      message: "La confirmation ne correspond pas au mot de passe.",
    });
  });

  it("exists only once, and stores the password as argon2id", async () => {
    const account = await newAccount();
    await createFirstSuperadmin(ctx(account.accountId), admin);
    await expect(createFirstSuperadmin(ctx(account.accountId), { ...admin, loginId: "autre" })).rejects.toThrow(
      "Le premier superadministrateur existe déjà.",
    );
    const [row] = (await storedRows("ControllerUser", account.accountId)) as { passwordHash: string }[];
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
  });
});

describe("F13 users", () => {
  it("creates a user with status Utilisateur and a provisional password kept encrypted, never in clear", async () => {
    const account = await newAccount();
    const user = await createUser(ctx(account.accountId), { loginId: "AFilaire", lastName: "Filaire", firstName: "Alain" });
    const row = await db.controllerUser.findUniqueOrThrow({
      where: { id: user.id },
      omit: { provisionalPasswordEnc: false, passwordHash: false },
    });
    expect(row).toMatchObject({ status: "USER", lastName: "FILAIRE", loginKey: "afilaire", passwordHash: null });
    expect(row.provisionalPasswordEnc).not.toContain(user.provisionalPassword);
    expect(decryptProvisional(row.provisionalPasswordEnc!)).toBe(user.provisionalPassword);
    expect(matchesProvisional(row.provisionalPasswordEnc!, user.provisionalPassword)).toBe(true);
    expect(matchesProvisional(row.provisionalPasswordEnc!, "autre")).toBe(false);
  });

  it("refuses a login id already used in the account, whatever its case, even under a race", async () => {
    const account = await newAccount();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        createUser(ctx(account.accountId), { loginId: i % 2 ? "jdupont" : "JDupont", lastName: "Dupont", firstName: "Jean" }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused.every((r) => r.reason instanceof AppError && r.reason.field === "loginId")).toBe(true);
    // Another account may use the same login id.
    const other = await newAccount();
    await expect(createUser(ctx(other.accountId), { loginId: "jdupont", lastName: "D", firstName: "J" })).resolves.toBeTruthy();
  });

  it("creates many users at once, all or none", async () => {
    const account = await newAccount();
    const created = await createUsers(ctx(account.accountId), [
      { loginId: "e1", lastName: "Un", firstName: "E" },
      { loginId: "e2", lastName: "Deux", firstName: "E" },
    ]);
    expect(created.map((c) => c.provisionalPassword)).toHaveLength(2);
    await expect(
      createUsers(ctx(account.accountId), [
        { loginId: "e3", lastName: "Trois", firstName: "E" },
        { loginId: "E1", lastName: "Un", firstName: "E" },
      ]),
    ).rejects.toThrow(/aucun utilisateur n'a été créé/);
    await expect(
      createUsers(ctx(account.accountId), [
        { loginId: "e4", lastName: "A", firstName: "E" },
        { loginId: "E4", lastName: "B", firstName: "E" },
      ]),
    ).rejects.toThrow(/apparaît deux fois/);
    expect(await db.controllerUser.count({ where: { accountId: account.accountId } })).toBe(2);
  });

  it("grants console access only with an e-mail, and only to administrators", async () => {
    const account = await newAccount();
    const sa = await createFirstSuperadmin(ctx(account.accountId), admin);
    await expect(updateUser(ctx(account.accountId), sa.id, { consoleAccess: true })).rejects.toThrow(/adresse e-mail valide/);
    await updateUser(ctx(account.accountId), sa.id, { email: "pmartin@ecole.fr" });
    await updateUser(ctx(account.accountId), sa.id, { consoleAccess: true });
    expect((await db.controllerUser.findUniqueOrThrow({ where: { id: sa.id } })).consoleAccess).toBe(true);
    // Removing the e-mail removes the access.
    await updateUser(ctx(account.accountId), sa.id, { email: "" });
    expect((await db.controllerUser.findUniqueOrThrow({ where: { id: sa.id } })).consoleAccess).toBe(false);
  });

  it("keeps the civility and phone numbers, refusing letters in a number", async () => {
    const account = await newAccount();
    const user = await createUser(ctx(account.accountId), { loginId: "tel", lastName: "T", firstName: "T" });
    expect(updateUserSchema.safeParse({ userId: user.id, phone: "01 ab" }).error?.issues[0].message).toMatch(
      /ne peut contenir que des chiffres/,
    );
    await updateUser(ctx(account.accountId), user.id, { civility: "Mme", phone: "01 23 45 67 89", mobile: "+33 6 12 34 56 78" });
    const row = (await listUsers(account.accountId)).find((u) => u.id === user.id)!;
    expect(row).toMatchObject({ civility: "Mme", phone: "01 23 45 67 89", mobile: "+33 6 12 34 56 78" });
  });

  it("keeps at least one superadministrator", async () => {
    const account = await newAccount();
    const sa = await createFirstSuperadmin(ctx(account.accountId), admin);
    await expect(updateUser(ctx(account.accountId), sa.id, { status: "USER" })).rejects.toThrow(
      "Le compte doit garder au moins un superadministrateur.",
    );
  });

  it("ends a user's sessions when he is disabled", async () => {
    const account = await newAccount();
    const user = await createUser(ctx(account.accountId), { loginId: "x", lastName: "X", firstName: "X" });
    await updateUser(ctx(account.accountId), user.id, { disabled: true });
    expect((await db.controllerUser.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(2);
  });
});

describe("F5 profiles", () => {
  it("refuses a plain Utilisateur in Administration, and changes nothing", async () => {
    const account = await newAccount();
    const sa = await createFirstSuperadmin(ctx(account.accountId), admin);
    const user = await createUser(ctx(account.accountId), { loginId: "afilaire", lastName: "Filaire", firstName: "Alain" });
    const planningId = account.plannings[0].id;
    await expect(assignProfile(ctx(account.accountId), planningId, "ADMINISTRATION", [sa.id, user.id])).rejects.toThrow(
      /seuls les utilisateurs ayant le statut Superadministrateur ou Administrateur de base/,
    );
    expect(await db.profileAssignment.count({ where: { planningId } })).toBe(0);
    await assignProfile(ctx(account.accountId), planningId, "ADMINISTRATION", [sa.id]);
    await assignProfile(ctx(account.accountId), planningId, "CONSULTATION", [user.id]);
    await expect(assignProfile(ctx(account.accountId), planningId, "MODIFICATION", [user.id])).rejects.toThrow(/déjà affecté/);
    await unassignProfile(ctx(account.accountId), planningId, user.id);
    expect(await db.profileAssignment.count({ where: { planningId } })).toBe(1);
  });

  it("takes a user demoted to Utilisateur out of Administration", async () => {
    const account = await newAccount();
    await createFirstSuperadmin(ctx(account.accountId), admin);
    const other = await createUser(ctx(account.accountId), { loginId: "badmin", lastName: "B", firstName: "B" });
    await updateUser(ctx(account.accountId), other.id, { status: "BASE_ADMIN" });
    await assignProfile(ctx(account.accountId), account.plannings[0].id, "ADMINISTRATION", [other.id]);
    await updateUser(ctx(account.accountId), other.id, { status: "USER" });
    expect(await db.profileAssignment.count({ where: { userId: other.id } })).toBe(0);
  });
});

describe("F6 controller activation", () => {
  it("names the missing step: domain first, then the superadministrator", async () => {
    const account = await newAccount();
    await expect(setControllerStatus(ctx(account.accountId), true)).rejects.toThrow(/associez-lui d'abord un nom de domaine/);
    await associateControllerDomain({ ...ctx(account.accountId), domain: uniqueLabel() });
    await expect(setControllerStatus(ctx(account.accountId), true)).rejects.toThrow(/créez d'abord le premier superadministrateur/);
    await createFirstSuperadmin(ctx(account.accountId), admin);
    await expect(setControllerStatus(ctx(account.accountId), true)).resolves.toEqual({ status: "RUNNING" });
    await expect(setControllerStatus(ctx(account.accountId), false)).resolves.toEqual({ status: "STOPPED" });
  });
});
