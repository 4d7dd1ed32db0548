import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createFirstSuperadmin } from "@/lib/server/user/create-first-superadmin";
import { createUser } from "@/lib/server/user/create-user";
import { updateUser } from "@/lib/server/user/update-user";
import { assignProfile } from "@/lib/server/profile/assign-profile";
import { applyAssignmentModel, copyAssignments, saveAssignmentModel } from "@/lib/server/profile/assignment-models";
import { updateSecuritySettings } from "@/lib/server/controller/update-security-settings";
import { securitySettingsSchema } from "@/lib/schemas/user";
import { readDelegatedAuth, saveDelegatedAuth } from "@/lib/server/controller/delegated-auth";
import { getLicenceUsage } from "@/lib/server/controller/licence-usage";
import { newAccount } from "./support/fixtures";

const ctx = (accountId: string) => ({ accountId, actor: "responsable", ip: "127.0.0.1" });

async function accountWithUsers() {
  const account = await newAccount("PRONOTE_CAMPUS", { plannings: 3 });
  const sa = await createFirstSuperadmin(ctx(account.accountId), {
    firstName: "P",
    lastName: "M",
    loginId: "pmartin",
    password: "Motdepasse2026!",
  });
  const u1 = await createUser(ctx(account.accountId), { loginId: "u1", lastName: "Un", firstName: "U" });
  const u2 = await createUser(ctx(account.accountId), { loginId: "u2", lastName: "Deux", firstName: "U" });
  const [p1, p2, p3] = account.plannings.map((p) => p.id);
  await assignProfile(ctx(account.accountId), p1, "ADMINISTRATION", [sa.id]);
  await assignProfile(ctx(account.accountId), p1, "CONSULTATION", [u1.id]);
  await assignProfile(ctx(account.accountId), p1, "MODIFICATION", [u2.id]);
  return { account, sa, u1, u2, p1, p2, p3 };
}

const profilesOf = async (planningId: string) =>
  (await db.profileAssignment.findMany({ where: { planningId }, include: { user: true } }))
    .map((a) => `${a.user.loginId}:${a.profile}`)
    .sort();

describe("F5 Sécurité", () => {
  it("validates the settings with French messages", () => {
    const issues = (input: unknown) => securitySettingsSchema.safeParse(input).error?.issues.map((i) => i.message);
    expect(issues({ allowedMeasures: [], pinMinLength: 4, passwordMinLength: 12 })).toEqual([
      "Proposez au moins une mesure aux utilisateurs.",
    ]);
    expect(issues({ allowedMeasures: ["PIN"], pinMinLength: "3", passwordMinLength: 12 })).toEqual([
      "Le code PIN doit contenir au moins 4 chiffres.",
    ]);
    expect(issues({ allowedMeasures: ["PIN"], pinMinLength: 4, passwordMinLength: 8 })).toEqual([
      "Le mot de passe doit contenir au moins 12 caractères.",
    ]);
  });

  it("stores the measures in the guide's order", async () => {
    const account = await newAccount();
    await updateSecuritySettings(ctx(account.accountId), { allowedMeasures: ["PIN", "NOTIFY"], pinMinLength: 6, passwordMinLength: 14 });
    const controller = await db.controller.findUniqueOrThrow({ where: { accountId: account.accountId } });
    expect(controller).toMatchObject({ allowedMeasures: "NOTIFY,PIN", pinMinLength: 6, passwordMinLength: 14 });
  });
});

describe("F5 assignment models and copies", () => {
  it("saves a planning's assignments as a model and applies it elsewhere", async () => {
    const { account, p1, p2 } = await accountWithUsers();
    const model = await saveAssignmentModel(ctx(account.accountId), p1, "Équipe de direction");
    expect(model.count).toBe(3);
    await expect(saveAssignmentModel(ctx(account.accountId), p1, "Équipe de direction")).rejects.toThrow(
      "Un modèle s'appelle déjà Équipe de direction.",
    );
    await expect(applyAssignmentModel(ctx(account.accountId), p2, model.id)).resolves.toEqual({ added: 3, skipped: 0 });
    expect(await profilesOf(p2)).toEqual(await profilesOf(p1));
  });

  it("copies users and their profiles, keeping those already there and skipping who may no longer administer", async () => {
    const { account, sa, u1, p1, p3 } = await accountWithUsers();
    await assignProfile(ctx(account.accountId), p3, "MODIFICATION", [u1.id]);
    const other = await createUser(ctx(account.accountId), { loginId: "badmin", lastName: "B", firstName: "A" });
    await updateUser(ctx(account.accountId), other.id, { status: "BASE_ADMIN" });
    await assignProfile(ctx(account.accountId), p1, "ADMINISTRATION", [other.id]);
    // Demoted: no longer in Administration anywhere, so nothing to copy for him.
    await updateUser(ctx(account.accountId), other.id, { status: "USER" });
    const outcome = await copyAssignments(ctx(account.accountId), p3, p1);
    expect(outcome).toEqual({ added: 2, skipped: 1 });
    expect(await profilesOf(p3)).toEqual(["pmartin:ADMINISTRATION", "u1:MODIFICATION", "u2:MODIFICATION"]);
    expect(sa.id).toBeTruthy();
    await expect(copyAssignments(ctx(account.accountId), p3, p3)).rejects.toThrow("Choisissez un autre planning que celui-ci.");
  });

  it("refuses another account's model and planning", async () => {
    const a = await accountWithUsers();
    const b = await accountWithUsers();
    const model = await saveAssignmentModel(ctx(b.account.accountId), b.p1, "B");
    await expect(applyAssignmentModel(ctx(a.account.accountId), a.p2, model.id)).rejects.toThrow("Élément introuvable.");
    await expect(copyAssignments(ctx(a.account.accountId), a.p2, b.p1)).rejects.toThrow("Élément introuvable.");
    expect(await profilesOf(a.p2)).toEqual([]);
  });
});

describe("F5 Déléguer l'authentification", () => {
  it("validates each protocol's settings, stores them, and reads them back", async () => {
    const account = await newAccount();
    await expect(
      saveDelegatedAuth(ctx(account.accountId), "ldap", {
        enabled: true,
        serverUrl: "http://annuaire",
        baseDn: "dc=ecole",
        bindDn: "",
        userAttribute: "uid",
      }),
    ).rejects.toThrow("L'adresse du serveur LDAP s'écrit ldaps://serveur:636 (LDAPS) ou ldap://serveur:389 (StartTLS).");
    await expect(
      saveDelegatedAuth(ctx(account.accountId), "cas", { enabled: true, serverUrl: "http://cas.ent.fr", version: "3.0" }),
    ).rejects.toThrow("L'adresse du serveur CAS doit être une adresse https:// complète.");
    const ldap = {
      enabled: true,
      serverUrl: "ldaps://annuaire.ecole.fr:636",
      baseDn: "dc=ecole,dc=fr",
      bindDn: "",
      userAttribute: "uid",
    };
    // Neither a template nor a service account: no way to find the user's entry.
    await expect(saveDelegatedAuth(ctx(account.accountId), "ldap", ldap)).rejects.toThrow("Saisissez un modèle de DN");
    const withTemplate = { ...ldap, dnTemplate: "uid={identifiant},ou=people,dc=ecole,dc=fr" };
    // No superadministrator yet: none would keep a local password.
    await expect(saveDelegatedAuth(ctx(account.accountId), "ldap", withTemplate)).rejects.toThrow("Gardez au moins un superadministrateur");
    await createFirstSuperadmin(ctx(account.accountId), { firstName: "P", lastName: "M", loginId: "pmartin", password: "Motdepasse2026!" });
    await saveDelegatedAuth(ctx(account.accountId), "ldap", withTemplate);
    await expect(
      saveDelegatedAuth(ctx(account.accountId), "saml", { enabled: true, metadata: "", identifierAttribute: "uid" }),
    ).rejects.toThrow("Collez les métadonnées du fournisseur d'identité.");
    await saveDelegatedAuth(ctx(account.accountId), "saml", { enabled: false, metadata: "", identifierAttribute: "uid" });
    const controller = await db.controller.findUniqueOrThrow({ where: { accountId: account.accountId } });
    const settings = readDelegatedAuth(controller);
    expect(settings.ldap).toMatchObject({ enabled: true, serverUrl: "ldaps://annuaire.ecole.fr:636" });
    expect(settings.saml).toMatchObject({ enabled: false });
    expect(settings.cas).toBeNull();
  });
});

describe("F5 Licences", () => {
  it("shows what the licence grants and counts the open connections", async () => {
    const account = await newAccount();
    const usage = await getLicenceUsage(account.accountId);
    expect(usage).toMatchObject({
      licensedPlannings: 2,
      configuredPlannings: 0,
      netLicences: 2,
      licensedConnections: 4,
      currentConnections: 0,
      available: 4,
    });
    for (const actor of ["u1", "u2", "u1"]) {
      await db.auditEvent.create({ data: { accountId: account.accountId, actor, action: "user.signin.success" } });
    }
    await db.auditEvent.create({ data: { accountId: account.accountId, actor: "u2", action: "user.signout" } });
    expect(await getLicenceUsage(account.accountId)).toMatchObject({ currentConnections: 1, available: 3 });
  });
});
