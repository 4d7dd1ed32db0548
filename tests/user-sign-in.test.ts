import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { associateControllerDomain } from "@/lib/server/controller/associate-controller-domain";
import { associatePlanningDomain } from "@/lib/server/planning/associate-planning-domain";
import { createFirstSuperadmin } from "@/lib/server/user/create-first-superadmin";
import { createUser } from "@/lib/server/user/create-user";
import { updateUser } from "@/lib/server/user/update-user";
import { setControllerStatus } from "@/lib/server/controller/set-controller-status";
import {
  chooseSecurityMeasure,
  completeUserSignIn,
  personalizePassword,
  registerDevice,
  verifyPin,
} from "@/lib/server/sign-in/controller/steps";
import { findController, startUserSignIn } from "@/lib/server/sign-in/controller/first-step";
import { deviceCookieName } from "@/lib/server/sign-in/controller/state";
import { unlockPinWithCode } from "@/lib/server/sign-in/controller/unlock";
import { issueTicket } from "@/lib/server/sign-in/ticket";
import { pinProblem } from "@/lib/server/sign-in/controller/pin";
import { changeSecurityMeasure, getSecurityPreferences, revokeDevice } from "@/lib/server/user/preferences";
import { readMailbox } from "@/lib/dev/outboxes";
import { newAccount, uniqueLabel } from "./support/fixtures";

const ctx = (accountId: string) => ({ accountId, actor: "responsable", ip: "127.0.0.1" });
let ipN = 0;

/** A browser: its address, and the recognised-device cookies it holds. */
function browser() {
  const cookies = new Map<string, string>();
  return {
    ip: `10.5.0.${++ipN}`,
    userAgent: "Mozilla/5.0 (Windows NT 10.0) Firefox/140.0",
    cookie: (name: string) => cookies.get(name),
    keep: (userId: string, token: string | null) => token && cookies.set(deviceCookieName(userId), token),
  };
}

async function runningController() {
  const account = await newAccount();
  const { fqdn } = await associateControllerDomain({ ...ctx(account.accountId), domain: uniqueLabel() });
  await createFirstSuperadmin(ctx(account.accountId), { firstName: "P", lastName: "M", loginId: "pmartin", password: "Motdepasse2026!" });
  await setControllerStatus(ctx(account.accountId), true);
  const user = await createUser(ctx(account.accountId), { loginId: "afilaire", lastName: "Filaire", firstName: "Alain" });
  await updateUser(ctx(account.accountId), user.id, { email: "afilaire@ecole.test" });
  return { account, fqdn, user };
}

const PASSWORD = "Filaire-Alain-2026";

/** Provisional password → personal password → PIN → device "Bureau" → session. */
async function firstSignIn(fqdn: string, provisional: string, client = browser()) {
  let step = await startUserSignIn({ domain: fqdn, loginId: "AFilaire", password: provisional }, client);
  expect(step.next).toBe("personalize");
  step = await personalizePassword({ ticket: step.ticket, password: PASSWORD, confirmation: PASSWORD }, client);
  expect(step.next).toBe("security");
  step = await chooseSecurityMeasure({ ticket: step.ticket, measure: "PIN", pin: "7405", pinConfirmation: "7405" }, client);
  expect(step.next).toBe("device");
  const device = await registerDevice({ ticket: step.ticket, remember: true, name: "Bureau" }, client);
  client.keep(device.userId, device.deviceToken);
  return { client, ticket: device.ticket };
}

describe("F12 / F17 users' sign-in", () => {
  it("walks the first sign-in and opens a session only with a finished ticket", async () => {
    const { fqdn, user } = await runningController();
    const { ticket } = await firstSignIn(fqdn, user.provisionalPassword);
    const signedIn = await completeUserSignIn(ticket, "10.5.0.200");
    expect(signedIn.id).toBe(user.id);
    const early = issueTicket({ userId: user.id, accountId: signedIn.accountId, version: signedIn.sessionVersion, stage: "password" });
    await expect(completeUserSignIn(early, "10.5.0.200")).rejects.toThrow("La connexion n'est pas terminée.");
  });

  it("kills the provisional password at personalization, and the tickets issued before it", async () => {
    const { fqdn, user } = await runningController();
    const client = browser();
    const first = await startUserSignIn({ domain: fqdn, loginId: "afilaire", password: user.provisionalPassword }, client);
    await personalizePassword({ ticket: first.ticket, password: PASSWORD, confirmation: PASSWORD }, client);
    await expect(startUserSignIn({ domain: fqdn, loginId: "afilaire", password: user.provisionalPassword }, browser())).rejects.toThrow(
      "Identifiant ou mot de passe incorrect.",
    );
    await expect(
      personalizePassword({ ticket: first.ticket, password: "Autre-Mot-2026!", confirmation: "Autre-Mot-2026!" }, client),
    ).rejects.toThrow(/La connexion a expiré/);
    const row = await db.controllerUser.findUniqueOrThrow({ where: { id: user.id }, omit: { provisionalPasswordEnc: false } });
    expect(row.provisionalPasswordEnc).toBeNull();
  });

  it("enforces the password rules, the confirmation, and a password other than the provisional one", async () => {
    const { fqdn, user } = await runningController();
    const client = browser();
    const step = await startUserSignIn({ domain: fqdn, loginId: "afilaire", password: user.provisionalPassword }, client);
    await expect(personalizePassword({ ticket: step.ticket, password: "court", confirmation: "court" }, client)).rejects.toThrow(
      "Le mot de passe doit contenir au moins 12 caractères",
    );
    await expect(personalizePassword({ ticket: step.ticket, password: PASSWORD, confirmation: `${PASSWORD}x` }, client)).rejects.toThrow(
      "La confirmation ne correspond pas au mot de passe.",
    );
  });

  it("refuses digits-only violations and guessable PINs", () => {
    expect(pinProblem("12a4", 4)).toMatch(/que des chiffres/);
    expect(pinProblem("123", 4)).toBe("Le code PIN doit contenir au moins 4 chiffres");
    for (const pin of ["0000", "1234", "4321", "7890", "9876", "1212"]) expect(pinProblem(pin, 4)).toMatch(/trop facile/);
    expect(pinProblem("7405", 4)).toBeNull();
    expect(pinProblem("7405", 6)).toMatch(/au moins 6 chiffres/);
  });

  it("asks the PIN on an unknown browser, notifies by e-mail, and trusts a recognised one", async () => {
    const { fqdn, user } = await runningController();
    const { client } = await firstSignIn(fqdn, user.provisionalPassword);
    expect((await startUserSignIn({ domain: fqdn, loginId: "afilaire", password: PASSWORD }, client)).next).toBe("done");
    const stranger = browser();
    const step = await startUserSignIn({ domain: fqdn, loginId: "afilaire", password: PASSWORD }, stranger);
    expect(step.next).toBe("pin");
    const before = readMailbox().filter((m) => m.to.includes("afilaire@ecole.test")).length;
    expect((await verifyPin({ ticket: step.ticket, pin: "7405" }, stranger)).next).toBe("device");
    const after = readMailbox().filter((m) => m.to.includes("afilaire@ecole.test"));
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)?.subject).toBe("Connexion à votre compte depuis un appareil non enregistré");
  });

  it("stops a revoked device at once", async () => {
    const { fqdn, user } = await runningController();
    const { client } = await firstSignIn(fqdn, user.provisionalPassword);
    await db.recognizedDevice.updateMany({ where: { userId: user.id }, data: { revokedAt: new Date() } });
    expect((await startUserSignIn({ domain: fqdn, loginId: "afilaire", password: PASSWORD }, client)).next).toBe("pin");
  });

  it("locks the device sign-in after 10 wrong PINs, even for the right one", async () => {
    const { fqdn, user } = await runningController();
    await firstSignIn(fqdn, user.provisionalPassword);
    const stranger = browser();
    const step = await startUserSignIn({ domain: fqdn, loginId: "afilaire", password: PASSWORD }, stranger);
    for (let i = 1; i < 10; i++) {
      await expect(verifyPin({ ticket: step.ticket, pin: "1111" }, stranger)).rejects.toThrow(`Il vous reste ${10 - i} essai`);
    }
    await expect(verifyPin({ ticket: step.ticket, pin: "1111" }, stranger)).rejects.toThrow(/bloquée après 10 codes PIN erronés/);
    await expect(verifyPin({ ticket: step.ticket, pin: "7405" }, stranger)).rejects.toThrow(/bloquée/);
    await expect(startUserSignIn({ domain: fqdn, loginId: "afilaire", password: PASSWORD }, browser())).rejects.toThrow(/bloquée/);
  });

  it("refuses a disabled user, a stopped controller, and a domain that is no controller's", async () => {
    const { account, fqdn, user } = await runningController();
    await updateUser(ctx(account.accountId), user.id, { disabled: true });
    await expect(startUserSignIn({ domain: fqdn, loginId: "afilaire", password: user.provisionalPassword }, browser())).rejects.toThrow(
      "Identifiant ou mot de passe incorrect.",
    );
    await setControllerStatus(ctx(account.accountId), false);
    await expect(startUserSignIn({ domain: fqdn, loginId: "pmartin", password: "Motdepasse2026!" }, browser())).rejects.toThrow(
      /n'est pas en service/,
    );
    await expect(startUserSignIn({ domain: "inconnu.pronote-campus.net", loginId: "x", password: "y" }, browser())).rejects.toThrow(
      "Aucun contrôleur ne répond à ce nom de domaine.",
    );
  });

  it("refuses a tampered ticket and another account's controller", async () => {
    const a = await runningController();
    const b = await runningController();
    const step = await startUserSignIn({ domain: a.fqdn, loginId: "afilaire", password: a.user.provisionalPassword }, browser());
    const [payload, signature] = step.ticket.split(".");
    const forged = JSON.parse(Buffer.from(payload, "base64url").toString());
    forged.userId = b.user.id;
    forged.accountId = b.account.accountId;
    const tampered = `${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${signature}`;
    await expect(personalizePassword({ ticket: tampered, password: PASSWORD, confirmation: PASSWORD }, browser())).rejects.toThrow(
      /La connexion a expiré/,
    );
    // A's user does not exist behind B's controller.
    await expect(startUserSignIn({ domain: b.fqdn, loginId: "afilaire", password: a.user.provisionalPassword }, browser())).rejects.toThrow(
      "Identifiant ou mot de passe incorrect.",
    );
  });
});

describe("Fiche 7 — Se connecter : les coordonnées du contrôleur", () => {
  it("finds the running controller by its domain and port, as typed or pasted as an address", async () => {
    const { account, fqdn } = await runningController();
    await expect(findController({ domain: fqdn, port: 21200 })).resolves.toEqual({ domain: fqdn, port: 21200, cas: false, saml: false });
    await expect(findController({ domain: ` https://${fqdn.toUpperCase()}:21200/espace `, port: 21200 })).resolves.toEqual({
      domain: fqdn,
      port: 21200,
      cas: false,
      saml: false,
    });
    await expect(findController({ domain: fqdn, port: 21201 })).rejects.toMatchObject({ code: "WRONG_PORT", field: "port" });
    await expect(findController({ domain: `x${fqdn}`, port: 21200 })).rejects.toMatchObject({ code: "NO_CONTROLLER", field: "domain" });
    // A planning's domain is no controller's.
    const planning = await db.planning.findFirstOrThrow({ where: { accountId: account.accountId } });
    const served = await associatePlanningDomain({ ...ctx(account.accountId), planningId: planning.id, domain: uniqueLabel() });
    await expect(findController({ domain: served.fqdn, port: served.port })).rejects.toMatchObject({ code: "NO_CONTROLLER" });
    await setControllerStatus(ctx(account.accountId), false);
    await expect(findController({ domain: fqdn, port: 21200 })).rejects.toMatchObject({ code: "STOPPED", field: "domain" });
  });
});

describe("Unlocking and preferences", () => {
  it("lets an administrator unlock a PIN locked after 10 failures", async () => {
    const { account, fqdn, user } = await runningController();
    await firstSignIn(fqdn, user.provisionalPassword);
    const stranger = browser();
    const step = await startUserSignIn({ domain: fqdn, loginId: "afilaire", password: PASSWORD }, stranger);
    for (let i = 0; i < 10; i++) await verifyPin({ ticket: step.ticket, pin: "1111" }, stranger).catch(() => {});
    await expect(startUserSignIn({ domain: fqdn, loginId: "afilaire", password: PASSWORD }, stranger)).rejects.toThrow(/bloquée/);
    await updateUser(ctx(account.accountId), user.id, { unlockPin: true });
    const again = await startUserSignIn({ domain: fqdn, loginId: "afilaire", password: PASSWORD }, stranger);
    expect((await verifyPin({ ticket: again.ticket, pin: "7405" }, stranger)).next).toBe("device");
  });

  it("e-mails an unlock code when the PIN locks; the code with the password unlocks, once", async () => {
    const { fqdn, user } = await runningController();
    await firstSignIn(fqdn, user.provisionalPassword);
    const stranger = browser();
    const step = await startUserSignIn({ domain: fqdn, loginId: "afilaire", password: PASSWORD }, stranger);
    for (let i = 0; i < 10; i++) await verifyPin({ ticket: step.ticket, pin: "1111" }, stranger).catch(() => {});
    const mail = readMailbox()
      .filter((m) => m.to.includes("afilaire@ecole.test"))
      .at(-1)!;
    expect(mail.subject).toBe("Votre connexion par code PIN est bloquée");
    expect(mail.text).toContain(`/espace/deverrouiller?controleur=${fqdn}`);
    const code = /code de déblocage : (\S{8})/.exec(mail.text)![1];
    const attempt = { domain: fqdn, loginId: "afilaire", password: PASSWORD, code };
    await expect(unlockPinWithCode({ ...attempt, password: "faux" }, stranger)).rejects.toThrow(/incorrect/);
    await expect(unlockPinWithCode({ ...attempt, code: "AAAAAAAA" }, stranger)).rejects.toThrow(/incorrect/);
    await unlockPinWithCode(attempt, stranger);
    await expect(unlockPinWithCode(attempt, stranger)).rejects.toThrow(/incorrect/);
    const again = await startUserSignIn({ domain: fqdn, loginId: "afilaire", password: PASSWORD }, stranger);
    expect(again.next).toBe("pin");
  });

  it("changes the measure only with the password, and revokes only one's own devices", async () => {
    const { account, fqdn, user } = await runningController();
    const { client } = await firstSignIn(fqdn, user.provisionalPassword);
    const me = { accountId: account.accountId, userId: user.id, actor: "afilaire", ip: "10.5.1.1" };
    await expect(changeSecurityMeasure(me, { password: "faux", measure: "NOTIFY" })).rejects.toThrow("Mot de passe incorrect.");
    await changeSecurityMeasure(me, { password: PASSWORD, measure: "NOTIFY" });
    const prefs = await getSecurityPreferences(me);
    expect(prefs.measure).toBe("NOTIFY");
    expect(prefs.devices.map((d) => d.name)).toEqual(["Bureau"]);
    const other = await runningController();
    await expect(revokeDevice({ ...me, accountId: other.account.accountId }, prefs.devices[0].id)).rejects.toThrow("Élément introuvable.");
    await revokeDevice(me, prefs.devices[0].id);
    // Without its recognised device, the browser goes through the measure again: a notification.
    expect((await startUserSignIn({ domain: fqdn, loginId: "afilaire", password: PASSWORD }, client)).next).toBe("device");
  });
});
