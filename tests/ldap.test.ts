import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { readDelegatedAuth, saveDelegatedAuth } from "@/lib/server/controller/delegated-auth";
import { ldapAccepts, escapeDnValue, type LdapSettings } from "@/lib/server/directory/ldap";
import { encryptProvisional } from "@/lib/server/security/provisional";
import { updateUser } from "@/lib/server/user/update-user";
import { startUserSignIn } from "@/lib/server/sign-in/controller/first-step";
import { chooseSecurityMeasure, completeUserSignIn } from "@/lib/server/sign-in/controller/steps";
import { SLAPD_DIR, SLAPD_PORT, SLAPD_TLS_PORT, startSlapd } from "../scripts/slapd.mjs";
import { directoryAccount } from "./support/directory-account";
import { LDAP_PEOPLE, LDAP_SERVICE, LDAP_SUFFIX } from "./support/ldap-entries.mjs";

// A real directory: Debian's slapd on loopback (scripts/slapd.mjs), StartTLS and LDAPS with its own CA.
beforeAll(() => startSlapd(), 60_000);

const ca = () => readFileSync(`${SLAPD_DIR}/ca.pem`, "utf8");
const [pmartin, jdurand] = LDAP_PEOPLE;
const template = (over: Partial<LdapSettings> = {}): LdapSettings => ({
  enabled: true,
  serverUrl: `ldap://127.0.0.1:${SLAPD_PORT}`,
  caCertificate: ca(),
  baseDn: LDAP_SUFFIX,
  dnTemplate: `uid={identifiant},ou=people,${LDAP_SUFFIX}`,
  bindDn: "",
  userAttribute: "uid",
  ...over,
});
const search = (over: Partial<LdapSettings> = {}): LdapSettings =>
  template({
    serverUrl: `ldaps://127.0.0.1:${SLAPD_TLS_PORT}`,
    dnTemplate: "",
    bindDn: LDAP_SERVICE.dn,
    bindPasswordEnc: encryptProvisional(LDAP_SERVICE.password),
    ...over,
  });

describe("LDAP: the school's directory judges the password", () => {
  it("binds as the user's DN from the template, over StartTLS", async () => {
    expect(await ldapAccepts(template(), pmartin.uid, pmartin.password)).toBe(true);
    expect(await ldapAccepts(template(), pmartin.uid, "mauvais")).toBe(false);
    expect(await ldapAccepts(template(), "inconnu", pmartin.password)).toBe(false);
    // An empty password would be an anonymous bind, which "succeeds": it is never sent.
    expect(await ldapAccepts(template(), pmartin.uid, "")).toBe(false);
  });

  it("searches with the service account then binds, over LDAPS; an injected filter matches nobody", async () => {
    expect(await ldapAccepts(search(), jdurand.uid, jdurand.password)).toBe(true);
    expect(await ldapAccepts(search(), jdurand.uid, pmartin.password)).toBe(false);
    for (const injected of ["*)(uid=*", "*", `${jdurand.uid})(|(uid=*`, "*)(|(objectClass=*"]) {
      expect(await ldapAccepts(search(), injected, jdurand.password)).toBe(false);
    }
    // In a DN, the identifier is one value: "pmartin,ou=people" is not a way elsewhere.
    expect(escapeDnValue("x,ou=services")).toBe("x\\,ou\\=services");
    expect(
      await ldapAccepts(template({ dnTemplate: `cn={identifiant},${LDAP_SUFFIX}` }), "console,ou=services", LDAP_SERVICE.password),
    ).toBe(false);
  });

  it("refuses an identifier two entries bear", async () => {
    await expect(ldapAccepts(search({ userAttribute: "employeeNumber" }), "E9", "Homonyme-1!")).rejects.toThrow(
      "Plusieurs entrées de l'annuaire portent cet identifiant",
    );
    expect(await ldapAccepts(search({ userAttribute: "employeeNumber" }), "E1", pmartin.password)).toBe(true);
  });

  it("refuses a server whose certificate another CA signed, on LDAPS and StartTLS", async () => {
    const other = readFileSync(`${SLAPD_DIR}/other-ca.pem`, "utf8");
    await expect(ldapAccepts(search({ caCertificate: other }), jdurand.uid, jdurand.password)).rejects.toThrow(
      "Le certificat de l'annuaire LDAP n'est pas celui attendu",
    );
    await expect(ldapAccepts(template({ caCertificate: other }), pmartin.uid, pmartin.password)).rejects.toThrow(
      "Le certificat de l'annuaire LDAP n'est pas celui attendu",
    );
  });

  it("never reaches this machine or a private network unless the provider lists the host, after DNS, with the message of an unreachable one", async () => {
    const allowed = process.env.OUTBOUND_ALLOWED_HOSTS;
    process.env.OUTBOUND_ALLOWED_HOSTS = `127.0.0.1:${SLAPD_PORT}`;
    try {
      // Listed: the live directory answers (StartTLS on ldap://).
      expect(await ldapAccepts(template(), pmartin.uid, pmartin.password)).toBe(true);
      // Not listed, though live: LDAPS on the same machine, by its address and by a name that resolves to it.
      for (const serverUrl of [
        `ldaps://127.0.0.1:${SLAPD_TLS_PORT}`,
        `ldap://localhost:${SLAPD_PORT}`,
        "ldaps://169.254.169.254:636",
        "ldap://192.168.1.10:389",
      ]) {
        const start = performance.now();
        await expect(ldapAccepts(template({ serverUrl }), pmartin.uid, pmartin.password), serverUrl).rejects.toThrow(
          "L'annuaire LDAP ne répond pas",
        );
        expect(performance.now() - start, serverUrl).toBeLessThan(1000);
      }
    } finally {
      process.env.OUTBOUND_ALLOWED_HOSTS = allowed;
    }
  });

  it("says the directory is unreachable, closed or silent, within the timeout", async () => {
    await expect(ldapAccepts(template({ serverUrl: "ldap://127.0.0.1:1" }), pmartin.uid, pmartin.password)).rejects.toThrow(
      "L'annuaire LDAP ne répond pas",
    );
    // A server that takes the connection and never answers.
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    process.env.LDAP_TIMEOUT_MS = "800";
    const start = performance.now();
    try {
      await expect(ldapAccepts(template({ serverUrl: `ldap://127.0.0.1:${port}` }), pmartin.uid, pmartin.password)).rejects.toThrow(
        "L'annuaire LDAP ne répond pas",
      );
      expect(performance.now() - start).toBeLessThan(5000);
    } finally {
      delete process.env.LDAP_TIMEOUT_MS;
      silent.close();
    }
  });
});

const ctx = (accountId: string) => ({ accountId, actor: "responsable", ip: "127.0.0.1" });
const client = (n: number) => ({ ip: `10.9.0.${n}`, userAgent: "Firefox", cookie: () => undefined });

async function ldapAccount() {
  const { account, fqdn, users } = await directoryAccount([
    { loginId: "pierre", lastName: "Martin", firstName: "Pierre", ids: { ldapId: pmartin.uid } },
  ]);
  const settings = { ...template(), bindPassword: "" } as Record<string, unknown>;
  delete settings.bindPasswordEnc;
  return { account, fqdn, user: users[0], settings };
}

describe("LDAP sign-in of the controller's users", () => {
  it("signs a user with an Identifiant LDAP in with the directory's password; the console's steps follow; the journal says how", async () => {
    const { account, fqdn, settings } = await ldapAccount();
    await saveDelegatedAuth(ctx(account.accountId), "ldap", settings);
    const provisional = (
      await db.controllerUser.findFirstOrThrow({
        where: { loginKey: "pierre", accountId: account.accountId },
        omit: { provisionalPasswordEnc: false },
      })
    ).provisionalPasswordEnc!;
    expect(provisional).not.toBe("");
    // Not his provisional password any more: the directory's.
    await expect(startUserSignIn({ domain: fqdn, loginId: "pierre", password: "pas-celui-de-l-annuaire" }, client(1))).rejects.toThrow(
      "Identifiant ou mot de passe incorrect.",
    );
    let step = await startUserSignIn({ domain: fqdn, loginId: "pierre", password: pmartin.password }, client(1));
    // No password to personalize: the security measure comes next, then the session.
    expect(step.next).toBe("security");
    step = await chooseSecurityMeasure({ ticket: step.ticket, measure: "NONE" }, client(1));
    expect(step.next).toBe("done");
    await completeUserSignIn(step.ticket, "10.9.0.1");
    const journal = await db.auditEvent.findFirstOrThrow({ where: { accountId: account.accountId, action: "user.signin.success" } });
    expect(journal.detail).toBe("annuaire LDAP");
  });

  it("keeps the emergency account's local sign-in while the directory is down, and gives the user his try back", async () => {
    const { account, fqdn, settings } = await ldapAccount();
    await saveDelegatedAuth(ctx(account.accountId), "ldap", { ...settings, serverUrl: "ldap://127.0.0.1:1" });
    await expect(startUserSignIn({ domain: fqdn, loginId: "pierre", password: pmartin.password }, client(2))).rejects.toThrow(
      "L'annuaire LDAP ne répond pas",
    );
    const step = await startUserSignIn({ domain: fqdn, loginId: "secours", password: "Motdepasse2026!" }, client(3));
    expect(step.next).not.toBe("personalize");
    expect(await db.auditEvent.count({ where: { accountId: account.accountId, action: "user.signin.failure" } })).toBe(0);
  });

  it("never lets the last local superadministrator go: LDAP on, or his Identifiant LDAP, refused", async () => {
    const { account, settings } = await ldapAccount();
    const superadmin = await db.controllerUser.findFirstOrThrow({ where: { accountId: account.accountId, loginKey: "secours" } });
    await updateUser(ctx(account.accountId), superadmin.id, { ldapId: "secours" });
    await expect(saveDelegatedAuth(ctx(account.accountId), "ldap", settings)).rejects.toThrow(
      "Gardez au moins un superadministrateur sans Identifiant LDAP",
    );
    expect(readDelegatedAuth(await db.controller.findUniqueOrThrow({ where: { accountId: account.accountId } })).ldap).toBeNull();
    await updateUser(ctx(account.accountId), superadmin.id, { ldapId: "" });
    await saveDelegatedAuth(ctx(account.accountId), "ldap", settings);
    await expect(updateUser(ctx(account.accountId), superadmin.id, { ldapId: "secours" })).rejects.toThrow(
      "Gardez au moins un superadministrateur sans Identifiant LDAP",
    );
    expect((await db.controllerUser.findUniqueOrThrow({ where: { id: superadmin.id } })).ldapId).toBe("");
  });

  it("stores the service account's password sealed, and never shows it again", async () => {
    const { account, settings } = await ldapAccount();
    await expect(
      saveDelegatedAuth(ctx(account.accountId), "ldap", { ...settings, dnTemplate: "", bindDn: LDAP_SERVICE.dn }),
    ).rejects.toThrow("Saisissez le mot de passe du compte de liaison");
    const saved = await saveDelegatedAuth(ctx(account.accountId), "ldap", {
      ...settings,
      bindDn: LDAP_SERVICE.dn,
      bindPassword: LDAP_SERVICE.password,
    });
    expect(JSON.stringify(saved)).not.toContain(LDAP_SERVICE.password);
    const controller = await db.controller.findUniqueOrThrow({ where: { accountId: account.accountId } });
    expect(controller.ldapSettings).not.toContain(LDAP_SERVICE.password);
    const shown = readDelegatedAuth(controller).ldap!;
    expect(shown).toMatchObject({ bindPasswordStored: true });
    expect(JSON.stringify(shown)).not.toMatch(/bindPasswordEnc|Service-2026/);
    // Saved again without typing it: the stored one is kept.
    await saveDelegatedAuth(ctx(account.accountId), "ldap", { ...settings, dnTemplate: "", bindDn: LDAP_SERVICE.dn, bindPassword: "" });
    const again = await db.controller.findUniqueOrThrow({ where: { accountId: account.accountId } });
    expect(JSON.parse(again.ldapSettings).bindPasswordEnc).toBe(JSON.parse(controller.ldapSettings).bindPasswordEnc);
  });

  it("asks for the service password again when the address, the CA or the bind DN change: it goes only to the server it was typed for", async () => {
    const { account, settings } = await ldapAccount();
    const service = { ...settings, dnTemplate: "", bindDn: LDAP_SERVICE.dn };
    await saveDelegatedAuth(ctx(account.accountId), "ldap", { ...service, bindPassword: LDAP_SERVICE.password });
    const sealed = async () =>
      JSON.parse((await db.controller.findUniqueOrThrow({ where: { accountId: account.accountId } })).ldapSettings);
    const kept = await sealed();
    // Before: the sealed password was kept, and sent in clear to the next sign-in's server of one's choosing.
    for (const [changed, label] of [
      [{ serverUrl: "ldaps://annuaire.pirate.example:636" }, "adresse du serveur"],
      [{ caCertificate: "" }, "certificat de l'autorité"],
      [{ bindDn: "cn=autre,dc=ecole,dc=test" }, "DN du compte de liaison"],
    ] as const) {
      const error = await saveDelegatedAuth(ctx(account.accountId), "ldap", { ...service, ...changed, bindPassword: "" }).catch((e) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error.field).toBe("bindPassword");
      expect(error.message).toContain(`Saisissez à nouveau le mot de passe du compte de liaison : ${label}`);
      expect(await sealed()).toEqual(kept);
    }
    // The password typed with the new address: saved, and the journal names what changed.
    await saveDelegatedAuth(ctx(account.accountId), "ldap", {
      ...service,
      bindDn: "cn=autre,dc=ecole,dc=test",
      bindPassword: LDAP_SERVICE.password,
    });
    const line = await db.auditEvent.findFirst({
      where: { accountId: account.accountId, action: "controller.delegated-auth" },
      orderBy: { createdAt: "desc" },
    });
    expect(line?.detail).toBe("LDAP : activée (modifié : DN du compte de liaison, mot de passe du compte de liaison)");
  });
});
