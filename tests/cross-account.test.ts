import { beforeAll, describe, expect, it, vi } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { db } from "@/lib/db";
import type { ConsoleContext } from "@/lib/auth/session";
import { newAccount, uniqueLabel } from "./support/fixtures";
import { sieclePupilsXml, stsXml } from "./support/siecle";

const session = vi.hoisted(() => ({ current: null as ConsoleContext | null }));
const userSession = vi.hoisted(() => ({ current: null as null | Record<string, unknown> }));
vi.mock("@/lib/auth/session", () => ({
  getConsoleContext: async () => session.current,
  requireConsolePage: async () => session.current,
  getUserContext: async () => userSession.current,
}));
const operatorSession = vi.hoisted(() => ({ current: null as null | Record<string, unknown> }));
// A school's session is never an operator's: /operateur's actions see none while A is signed in.
vi.mock("@/lib/auth/operator", () => ({
  getOperatorContext: async () => operatorSession.current,
  requireOperatorPage: async () => operatorSession.current,
}));
const cookieJar = vi.hoisted(() => ({ set: vi.fn(), get: vi.fn() }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "user-agent": "vitest", "x-forwarded-for": "10.7.0.1" }),
  cookies: async () => cookieJar,
}));

const configuration = await import("@/lib/actions/configuration");
const account = await import("@/lib/actions/account");
const signIn = await import("@/lib/actions/sign-in");
const controller = await import("@/lib/actions/controller");
const userSignIn = await import("@/lib/actions/user-sign-in");
const forgedTicket = "eyJ1c2VySWQiOiJ4In0.forged";
const preferences = await import("@/lib/actions/preferences");
const plannings = await import("@/lib/actions/plannings");
const communication = await import("@/lib/actions/communication");
const baseRoute = await import("@/app/api/plannings/[planningId]/base/route");
const archiveRoute = await import("@/app/api/plannings/[planningId]/archives/[archiveId]/route");
const paramClientRoute = await import("@/app/api/client/param-client/route");
const journalRoute = await import("@/app/api/journal/route");
const casRoute = await import("@/app/api/connexion/cas/route");
const casReturnRoute = await import("@/app/api/connexion/cas/retour/route");
const entRoute = await import("@/app/api/espace/ent/route");
const samlRoute = await import("@/app/api/connexion/saml/route");
const samlReturnRoute = await import("@/app/api/connexion/saml/retour/route");
const samlMetadataRoute = await import("@/app/api/connexion/saml/metadata/route");
const entReturnRoute = await import("@/app/api/espace/ent/retour/route");
const lettersRoute = await import("@/app/api/courriers/[batchId]/route");
const espaceSignIn = await import("@/lib/actions/espace-sign-in");
const secondFactor = await import("@/lib/actions/second-factor");
const operatorSignIn = await import("@/lib/actions/operator-sign-in");
const operator = await import("@/lib/actions/operator");
const { encodeBaseFile } = await import("@/lib/server/base/base-file");
const { emptyResources } = await import("@/lib/base-resources");
const { defaultGrid } = await import("@/lib/timetable-grid");
const { schoolYearVersion } = await import("@/lib/product-version");

type Accounts = { a: Awaited<ReturnType<typeof newAccount>>; b: Awaited<ReturnType<typeof newAccount>> };
let accounts: Accounts;
let bCertificateId: string;
let bUserId: string;
let aAdminId: string;
let aModelId: string;
let bDeviceId: string;
let bModelId: string;
let bPersonId: string;
let bSendingAccountId: string;
let bBatchId: string;
let bArchiveId: string;
let bFactorId: string;

/** Everything of an account that an action could change (the journal apart). */
async function snapshotOf(accountId: string) {
  const row = await db.hostingAccount.findUniqueOrThrow({
    where: { id: accountId },
    include: {
      plannings: { include: { domain: true, base: true } },
      controller: { include: { domain: true } },
      certificates: true,
      users: { include: { assignments: true, devices: true } },
      sendingAccounts: true,
      letterModels: true,
      people: { include: { letterTokens: true } },
      letterBatches: { include: { deliveries: true } },
      archives: true,
      yearlySteps: true,
      secondFactors: true,
      recoveryCodes: true,
    },
  });
  return JSON.stringify(row);
}

/** Everything of account B that an action of A could change. */
const snapshotOfB = () => snapshotOf(accounts.b.accountId);

/** The console's roles: the hosting responsible, and the controller users given console access. */
const ROLES = ["HOSTING", "SUPERADMIN", "BASE_ADMIN"] as const;

/** A session of account A in the given role, and A's superadministrator signed in to the controller. */
const asA = (role: (typeof ROLES)[number] = "HOSTING") => {
  session.current =
    role === "HOSTING"
      ? {
          accountId: accounts.a.accountId,
          role,
          userId: null,
          actor: "responsable",
          certificateId: "x",
          licenceAccepted: true,
          ip: "10.7.0.1",
        }
      : {
          accountId: accounts.a.accountId,
          role,
          userId: aAdminId,
          actor: "aadmin",
          certificateId: "x",
          licenceAccepted: true,
          ip: "10.7.0.1",
        };
  userSession.current = {
    accountId: accounts.a.accountId,
    userId: aAdminId,
    loginId: "aadmin",
    displayName: "A A",
    status: "SUPERADMIN",
    consoleAccess: true,
    ip: "10.7.0.1",
  };
};

/** Each exported action, called by A with B's identifiers where it takes any. */
const attacks: Record<string, () => Promise<{ ok: boolean }>> = {
  associateControllerDomainAction: () => configuration.associateControllerDomainAction({ domain: uniqueLabel() }),
  associatePlanningDomainAction: () =>
    configuration.associatePlanningDomainAction({ planningId: accounts.b.plannings[0].id, domain: uniqueLabel() }),
  renamePlanningAction: () => configuration.renamePlanningAction({ planningId: accounts.b.plannings[0].id, name: "Volé" }),
  setPlanningNetLicenceAction: () => configuration.setPlanningNetLicenceAction({ planningId: accounts.b.plannings[0].id, enabled: false }),
  setPlanningTimeZoneAction: () =>
    configuration.setPlanningTimeZoneAction({ planningId: accounts.b.plannings[0].id, timeZone: "Asia/Tokyo" }),
  acceptLicenceAction: () => account.acceptLicenceAction({ accepted: true }),
  revokeCertificateAction: () => account.revokeCertificateAction({ certificateId: bCertificateId }),
  resendCredentialsAction: () => account.resendCredentialsAction({}),
  createFirstSuperadminAction: () =>
    controller.createFirstSuperadminAction({
      firstName: "A",
      lastName: "A",
      loginId: "aadmin2",
      password: "Motdepasse2026!",
      confirmation: "Motdepasse2026!",
    }),
  createUserAction: () => controller.createUserAction({ loginId: `u${Date.now()}`, lastName: "A", firstName: "A" }),
  updateUserAction: () => controller.updateUserAction({ userId: bUserId, email: "vole@ecole.fr" }),
  assignProfileAction: () =>
    controller.assignProfileAction({ planningId: accounts.b.plannings[0].id, profile: "CONSULTATION", userIds: [aAdminId] }),
  assignProfileToForeignUserAction: () =>
    controller.assignProfileAction({ planningId: accounts.a.plannings[0].id, profile: "CONSULTATION", userIds: [bUserId] }),
  unassignProfileAction: () => controller.unassignProfileAction({ planningId: accounts.b.plannings[1].id, userId: bUserId }),
  setControllerStatusAction: () => controller.setControllerStatusAction({ running: true }),
  updateSecuritySettingsAction: () =>
    controller.updateSecuritySettingsAction({ allowedMeasures: ["NONE"], pinMinLength: 4, passwordMinLength: 12 }),
  saveAssignmentModelAction: () => controller.saveAssignmentModelAction({ planningId: accounts.b.plannings[1].id, name: "Volé" }),
  applyAssignmentModelAction: () => controller.applyAssignmentModelAction({ planningId: accounts.b.plannings[0].id, modelId: aModelId }),
  copyAssignmentsAction: () =>
    controller.copyAssignmentsAction({ planningId: accounts.b.plannings[0].id, fromPlanningId: accounts.b.plannings[1].id }),
  copyFromForeignPlanningAction: () =>
    controller.copyAssignmentsAction({ planningId: accounts.a.plannings[0].id, fromPlanningId: accounts.b.plannings[1].id }),
  findControllerAction: () => userSignIn.findControllerAction({ domain: "inconnu.pronote-campus.net", port: "21200" }),
  startUserSignInAction: () => userSignIn.startUserSignInAction({ domain: "inconnu.pronote-campus.net", loginId: "buser", password: "x" }),
  // No proof cookie: the CAS return's next step has nothing to take up.
  resumeDirectorySignInAction: () => userSignIn.resumeDirectorySignInAction({}),
  startLetterSignInAction: () =>
    userSignIn.startLetterSignInAction({ domain: "inconnu.pronote-campus.net", loginId: "buser", token: "A".repeat(96) }),
  personalizePasswordAction: () =>
    userSignIn.personalizePasswordAction({ ticket: forgedTicket, password: "Motdepasse2026!", confirmation: "Motdepasse2026!" }),
  chooseSecurityMeasureAction: () => userSignIn.chooseSecurityMeasureAction({ ticket: forgedTicket, measure: "NONE" }),
  verifyPinAction: () => userSignIn.verifyPinAction({ ticket: forgedTicket, pin: "7405" }),
  registerDeviceAction: () => userSignIn.registerDeviceAction({ ticket: forgedTicket, remember: true, name: "x" }),
  saveDelegatedAuthAction: () =>
    controller.saveDelegatedAuthAction({ protocol: "cas", settings: { enabled: true, serverUrl: "https://cas.vole.fr", version: "3.0" } }),
  unlockPinAction: () =>
    userSignIn.unlockPinAction({ domain: "inconnu.pronote-campus.net", loginId: "buser", password: "x", code: "AAAAAAAA" }),
  changeSecurityMeasureAction: () => preferences.changeSecurityMeasureAction({ password: "x", measure: "NONE" }),
  revokeDeviceAction: () => preferences.revokeDeviceAction({ deviceId: bDeviceId }),
  createBaseAction: () => plannings.createBaseAction({ planningId: accounts.b.plannings[0].id, grid: defaultGrid(2026) }),
  loadBaseAction: () => plannings.loadBaseAction(baseUpload(accounts.b.plannings[0].id)),
  createNextYearBaseAction: () => plannings.createNextYearBaseAction({ planningId: accounts.b.plannings[1].id }),
  recoverLastYearAction: () =>
    plannings.recoverLastYearAction({ planningId: accounts.b.plannings[1].id, archiveId: bArchiveId, items: ["people", "authorizations"] }),
  setPlanningRunningAction: () => plannings.setPlanningRunningAction({ planningId: accounts.b.plannings[1].id, running: false }),
  setPlanningPublishedAction: () => plannings.setPlanningPublishedAction({ planningId: accounts.b.plannings[1].id, published: false }),
  setPublicationNameAction: () => plannings.setPublicationNameAction({ planningId: accounts.b.plannings[1].id, name: "Volé" }),
  setPublicUrlAction: () => plannings.setPublicUrlAction({ planningId: accounts.b.plannings[1].id, url: "https://pirate.example.fr/" }),
  saveEntSettingsAction: () =>
    plannings.saveEntSettingsAction({
      planningId: accounts.b.plannings[1].id,
      enabled: true,
      family: "CAS",
      casUrl: "https://pirate.example.fr/cas",
      version: "3.0",
      caCertificate: "",
      matching: "IDENTITY",
      loginAttribute: "",
      populations: ["ELEVES"],
    }),
  requestPreVersionAction: () => account.requestPreVersionAction({}),
  startPersonalAccountAction: () => communication.startPersonalAccountAction({ name: "A", email: "a@ecole.test" }),
  resendSendingCodeAction: () => communication.resendSendingCodeAction({ sendingAccountId: bSendingAccountId }),
  previewLetterAction: () =>
    communication.previewLetterAction({ population: "ELEVES", modelId: bModelId, withQr: true, recipientKey: `person:${bPersonId}` }),
  checkDomainAction: () => configuration.checkDomainAction({ domain: uniqueLabel(), planningId: accounts.b.plannings[0].id }),
  verifySendingCodeAction: () => communication.verifySendingCodeAction({ code: "123456" }),
  secureSendingAccountAction: () => communication.secureSendingAccountAction({ question: "Ville", answer: "Paris" }),
  saveLetterModelAction: () => communication.saveLetterModelAction({ modelId: bModelId, text: "Volé [Nom]" }),
  duplicateLetterModelAction: () => communication.duplicateLetterModelAction({ modelId: bModelId }),
  restoreOriginalModelAction: () => communication.restoreOriginalModelAction({ modelId: bModelId }),
  startEstablishmentAccountAction: () => communication.startEstablishmentAccountAction({ name: "A", email: "secretariat-a@ecole.test" }),
  setAllowedSendersAction: () => communication.setAllowedSendersAction({ sendingAccountId: bSendingAccountId, userIds: [aAdminId] }),
  verifyForeignEstablishmentCodeAction: () =>
    communication.verifySendingCodeAction({ code: "123456", sendingAccountId: bSendingAccountId }),
  secureForeignEstablishmentAction: () =>
    communication.secureSendingAccountAction({ question: "Ville", answer: "Paris", sendingAccountId: bSendingAccountId }),
  previewPeopleImportAction: () => communication.previewPeopleImportAction(peopleUpload(accounts.b.plannings[1].id)),
  importPeopleAction: () => communication.importPeopleAction(peopleUpload(accounts.b.plannings[1].id)),
  previewSiecleImportAction: () => communication.previewSiecleImportAction(siecleUpload(accounts.b.plannings[1].id)),
  applySiecleImportAction: () => communication.applySiecleImportAction(siecleUpload(accounts.b.plannings[1].id)),
  previewStsImportAction: () => communication.previewStsImportAction(stsUpload(accounts.b.plannings[1].id)),
  applyStsImportAction: () => communication.applyStsImportAction(stsUpload(accounts.b.plannings[1].id)),
  startLetterBatchAction: () =>
    communication.startLetterBatchAction({
      requestKey: uniqueLabel("req"),
      population: "ELEVES",
      modelId: bModelId,
      output: "PDF",
      attachPdf: false,
      withQr: true,
      selection: { keys: [`person:${bPersonId}`] },
    }),
  letterBatchProgressAction: () => communication.letterBatchProgressAction({ batchId: bBatchId }),
  reissueProvisionalPasswordsAction: () =>
    communication.reissueProvisionalPasswordsAction({ population: "ELEVES", selection: { keys: [`person:${bPersonId}`] } }),
  switchToDirectSignInAction: () =>
    communication.switchToDirectSignInAction({ population: "ELEVES", selection: { keys: [`person:${bPersonId}`] } }),
  // No proof cookie, a forged link ticket: nothing to take up, nobody to link.
  resumeEntSignInAction: () => espaceSignIn.resumeEntSignInAction({}),
  linkEntIdentityAction: () =>
    espaceSignIn.linkEntIdentityAction({ ticket: forgedTicket, loginId: "beleve", password: "x", confirmed: true }),
  startEspaceSignInAction: () =>
    espaceSignIn.startEspaceSignInAction({ url: `https://${accounts.b.plannings[1].id}.example/`, loginId: "beleve", password: "x" }),
  startEspaceLetterSignInAction: () =>
    espaceSignIn.startEspaceLetterSignInAction({
      url: `https://${accounts.b.plannings[1].id}.example/`,
      loginId: "beleve",
      token: "AB".repeat(48),
    }),
  personalizeEspacePasswordAction: () =>
    espaceSignIn.personalizeEspacePasswordAction({ ticket: forgedTicket, password: "Nouveau-2026!", confirmation: "Nouveau-2026!" }),
  verifySecondFactorAction: () => userSignIn.verifySecondFactorAction({ ticket: forgedTicket, code: "123456" }),
  startFactorEnrolmentAction: () => userSignIn.startFactorEnrolmentAction({ ticket: forgedTicket }),
  confirmFactorEnrolmentAction: () =>
    userSignIn.confirmFactorEnrolmentAction({ ticket: forgedTicket, factorId: bFactorId, code: "123456", name: "" }),
  startTotpEnrolmentAction: () => secondFactor.startTotpEnrolmentAction({}),
  addTotpFactorAction: () => secondFactor.addTotpFactorAction({ factorId: bFactorId, code: "123456", name: "Volé" }),
  removeSecondFactorAction: () => secondFactor.removeSecondFactorAction({ factorId: bFactorId, code: "123456" }),
  renewRecoveryCodesAction: () => secondFactor.renewRecoveryCodesAction({ code: "123456" }),
  startOperatorSignInAction: () => operatorSignIn.startOperatorSignInAction({ email: "inconnu@hebergeur.test", password: "Mauvais-2026!" }),
  finishOperatorSignInAction: () => operatorSignIn.finishOperatorSignInAction({ ticket: forgedTicket, code: "123456" }),
  startOperatorEnrolmentAction: () => operatorSignIn.startOperatorEnrolmentAction({ ticket: forgedTicket }),
  confirmOperatorEnrolmentAction: () =>
    operatorSignIn.confirmOperatorEnrolmentAction({ ticket: forgedTicket, factorId: bFactorId, code: "123456", name: "" }),
  signOutOperatorAction: () => operatorSignIn.signOutOperatorAction({}),
  operatorResendCredentialsAction: () => operator.operatorResendCredentialsAction({ accountId: accounts.b.accountId }),
  operatorResetConsolePasswordAction: () => operator.operatorResetConsolePasswordAction({ accountId: accounts.b.accountId }),
  operatorResetSecondFactorAction: () => operator.operatorResetSecondFactorAction({ accountId: accounts.b.accountId, userId: bUserId }),
  operatorAddOperatorAction: () =>
    operator.operatorAddOperatorAction({ email: "intrus@hebergeur.test", name: "Intrus", role: "ADMINISTRATION" }),
  installCertificateAction: () =>
    signIn.installCertificateAction({
      hostingNumber: accounts.a.hostingNumber,
      password: accounts.a.consolePassword,
      invoiceNumber: accounts.b.invoiceNumber,
    }),
};

/** A valid base file for the account's product and version, as the browser would post it. */
function baseUpload(planningId: string) {
  const { name, ...grid } = defaultGrid(2026);
  const bytes = encodeBaseFile({
    product: "PRONOTE_CAMPUS",
    version: String(schoolYearVersion(new Date())),
    name,
    grid,
    resources: emptyResources(),
    lastEditedAt: new Date().toISOString(),
  });
  const form = new FormData();
  form.set("planningId", planningId);
  form.set("file", new File([new Uint8Array(bytes)], "base.base"));
  return form;
}

/** A students' CSV file for a planning's Espace, as the browser would post it. */
function peopleUpload(planningId: string) {
  const form = new FormData();
  form.set("population", "ELEVES");
  form.set("planningId", planningId);
  form.set("file", new File(["Nom;Prénom\nIntrus;Zoé"], "eleves.csv"));
  return form;
}

/** A SIECLE pupils' export aimed at B's Espace. */
function siecleUpload(planningId: string) {
  const form = new FormData();
  form.set("planningId", planningId);
  form.set("uai", "0123456A");
  form.set("pupils", new File([new Uint8Array(sieclePupilsXml(2))], "ElevesSansAdresses.xml"));
  return form;
}

function stsUpload(planningId: string) {
  const form = new FormData();
  form.set("planningId", planningId);
  form.set("uai", "0123456A");
  form.set("file", new File([new Uint8Array(stsXml(2))], "sts_emp_0123456A_2026.xml"));
  return form;
}

/** Actions that take no identifier act on the caller's own account by construction. */
const SCOPED_BY_SESSION = new Set([
  "requestPreVersionAction",
  "startPersonalAccountAction",
  "startEstablishmentAccountAction",
  "verifySendingCodeAction",
  "secureSendingAccountAction",
  "saveDelegatedAuthAction",
  "changeSecurityMeasureAction",
  "updateSecuritySettingsAction",
  "associateControllerDomainAction",
  "createFirstSuperadminAction",
  "createUserAction",
  "setControllerStatusAction",
  "acceptLicenceAction",
  "resendCredentialsAction",
  "startTotpEnrolmentAction",
  "renewRecoveryCodesAction",
  "signOutOperatorAction",
]);

beforeAll(async () => {
  accounts = { a: await newAccount(), b: await newAccount() };
  bUserId = (
    await db.controllerUser.create({
      data: { accountId: accounts.b.accountId, loginId: "buser", loginKey: "buser", lastName: "B", firstName: "B" },
    })
  ).id;
  await db.profileAssignment.create({
    data: { accountId: accounts.b.accountId, planningId: accounts.b.plannings[1].id, userId: bUserId, profile: "CONSULTATION" },
  });
  aAdminId = (
    await db.controllerUser.create({
      data: { accountId: accounts.a.accountId, loginId: "aadmin", loginKey: "aadmin", lastName: "A", firstName: "A", status: "SUPERADMIN" },
    })
  ).id;
  bDeviceId = (
    await db.recognizedDevice.create({
      data: { accountId: accounts.b.accountId, userId: bUserId, name: "Bureau de B", tokenHash: `d-${Date.now()}` },
    })
  ).id;
  aModelId = (
    await db.assignmentModel.create({
      data: { accountId: accounts.a.accountId, name: "A", entries: JSON.stringify([{ userId: aAdminId, profile: "CONSULTATION" }]) },
    })
  ).id;
  const { name: baseName, ...bGrid } = defaultGrid(2026);
  await db.planning.update({ where: { id: accounts.b.plannings[1].id }, data: { status: "RUNNING", publication: "PUBLISHED" } });
  await db.timetableBase.create({
    data: {
      accountId: accounts.b.accountId,
      planningId: accounts.b.plannings[1].id,
      name: baseName,
      version: "2026",
      ...bGrid,
      workingDays: bGrid.workingDays.join(","),
      resources: JSON.stringify(emptyResources()),
      lastEditedAt: new Date(),
    },
  });
  const { listLetterModels } = await import("@/lib/server/letters/letter-models");
  const bModels = await listLetterModels(accounts.b.accountId);
  bModelId = bModels[0].id;
  bSendingAccountId = (
    await db.sendingAccount.create({
      data: {
        accountId: accounts.b.accountId,
        kind: "ESTABLISHMENT",
        ownerKey: "etab:b@ecole.test",
        name: "B",
        email: "b@ecole.test",
        codeHash: "x",
        codeExpiresAt: new Date(Date.now() + 600_000),
      },
    })
  ).id;
  // Last year's archive of B's planning, with its people set aside: what a recovery would bring back.
  bArchiveId = (
    await db.baseArchive.create({
      data: {
        accountId: accounts.b.accountId,
        planningId: accounts.b.plannings[1].id,
        schoolYear: 2025,
        baseName: "Base 2025",
        version: "2025",
        content: new Uint8Array(
          encodeBaseFile({
            product: "PRONOTE_CAMPUS",
            version: "2025",
            name: "Base 2025",
            grid: { ...bGrid, workingDays: [1, 2, 3, 4, 5] },
            resources: emptyResources(),
            lastEditedAt: new Date().toISOString(),
          }),
        ),
        size: 0,
        sha256: "",
        createdAt: new Date(),
        yearData: JSON.stringify({ people: [], assignments: [{ userId: bUserId, profile: "MODIFICATION" }], models: [] }),
      },
    })
  ).id;
  // B's superadministrator halfway through adding an application: its id is what A's calls try.
  bFactorId = (
    await db.secondFactor.create({
      data: { accountId: accounts.b.accountId, ownerKind: "USER", ownerId: bUserId, kind: "TOTP", secretEnc: "x" },
    })
  ).id;
  bPersonId = (
    await db.espacePerson.create({
      data: {
        accountId: accounts.b.accountId,
        population: "ELEVES",
        loginId: "beleve",
        loginKey: "beleve",
        lastName: "B",
        firstName: "E",
        planningId: accounts.b.plannings[1].id,
        passwordHash: "x",
      },
    })
  ).id;
  bBatchId = (
    await db.letterBatch.create({
      data: {
        accountId: accounts.b.accountId,
        requestKey: "b-request",
        actor: "responsable",
        output: "PDF",
        modelId: bModels.find((m) => m.population === "ELEVES")!.id,
        modelName: "Connexion des élèves",
        population: "ELEVES",
        total: 1,
        deliveries: { create: [{ position: 0, recipient: `person:${bPersonId}`, name: "B E" }] },
      },
    })
  ).id;
  bCertificateId = (
    await db.deviceCertificate.create({ data: { accountId: accounts.b.accountId, tokenHash: `b-${Date.now()}`, label: "B" } })
  ).id;
});

describe("X3 isolation of server actions", () => {
  it("covers every exported server action", async () => {
    const exported: string[] = [];
    for (const file of readdirSync("lib/actions").filter((f) => f !== "action-client.ts")) {
      const mod = await import(`@/lib/actions/${file.replace(/\.ts$/, "")}`);
      exported.push(...Object.keys(mod).filter((k) => typeof mod[k] === "function"));
    }
    const variants = [
      "assignProfileToForeignUserAction",
      "copyFromForeignPlanningAction",
      "verifyForeignEstablishmentCodeAction",
      "secureForeignEstablishmentAction",
    ];
    const attacked = Object.keys(attacks).filter((k) => !variants.includes(k));
    expect(exported.sort()).toEqual(attacked.sort());
  });

  /** Sign-in steps are public: the credentials, then a signed ticket, are their authorization. */
  const PUBLIC = new Set([
    "installCertificateAction",
    "startUserSignInAction",
    "resumeDirectorySignInAction",
    "startLetterSignInAction",
    "personalizePasswordAction",
    "chooseSecurityMeasureAction",
    "verifyPinAction",
    "registerDeviceAction",
    "unlockPinAction",
    "startEspaceSignInAction",
    "startEspaceLetterSignInAction",
    "personalizeEspacePasswordAction",
    "resumeEntSignInAction",
    "linkEntIdentityAction",
    "findControllerAction",
    "verifySecondFactorAction",
    "startFactorEnrolmentAction",
    "confirmFactorEnrolmentAction",
    "startOperatorSignInAction",
    "finishOperatorSignInAction",
    "startOperatorEnrolmentAction",
    "confirmOperatorEnrolmentAction",
    "signOutOperatorAction",
  ]);

  it.each(Object.keys(attacks).filter((k) => !PUBLIC.has(k)))("%s refuses a caller without session and changes nothing", async (name) => {
    session.current = null;
    userSession.current = null;
    const before = await snapshotOfB();
    const result = await attacks[name]();
    expect(result).toMatchObject({ ok: false, formError: expect.stringMatching(/reconnectez-vous/) });
    expect(await snapshotOfB()).toBe(before);
  });

  const byRole = (names: string[]) => ROLES.flatMap((role) => names.map((name) => [role, name] as const));

  it.each(byRole(Object.keys(attacks).filter((k) => !SCOPED_BY_SESSION.has(k))))(
    "as %s of A, %s refuses account B's identifiers and changes nothing of B",
    async (role, name) => {
      asA(role);
      const before = await snapshotOfB();
      const result = await attacks[name]();
      expect(result.ok).toBe(false);
      expect(await snapshotOfB()).toBe(before);
    },
  );

  it.each(byRole([...SCOPED_BY_SESSION]))("as %s of A, %s changes only the caller's own account", async (role, name) => {
    asA(role);
    const before = await snapshotOfB();
    await attacks[name]();
    expect(await snapshotOfB()).toBe(before);
  });

  it("answers 'not found' for another account's planning, as for one that does not exist", async () => {
    asA();
    const foreign = await configuration.renamePlanningAction({ planningId: accounts.b.plannings[1].id, name: "x" });
    const missing = await configuration.renamePlanningAction({ planningId: "does-not-exist", name: "x" });
    expect(foreign).toEqual(missing);
    expect(foreign).toMatchObject({ ok: false, formError: "Élément introuvable." });
  });

  it("refuses the console's actions before the licence is accepted", async () => {
    session.current = {
      accountId: accounts.a.accountId,
      role: "HOSTING",
      userId: null,
      actor: "responsable",
      certificateId: "x",
      licenceAccepted: false,
      ip: "10.7.0.1",
    };
    const result = await configuration.renamePlanningAction({ planningId: accounts.a.plannings[0].id, name: "Avant" });
    expect(result).toMatchObject({ ok: false, formError: "Acceptez d'abord le Contrat de licence." });
  });

  it("installs a certificate cookie only for the right three numbers", async () => {
    cookieJar.set.mockClear();
    const ok = await signIn.installCertificateAction({
      hostingNumber: accounts.b.hostingNumber,
      password: accounts.b.consolePassword,
      invoiceNumber: accounts.b.invoiceNumber,
    });
    expect(ok).toEqual({ ok: true, data: null });
    expect(cookieJar.set).toHaveBeenCalledWith(
      `console-cert-${accounts.b.accountId}`,
      expect.any(String),
      expect.objectContaining({ httpOnly: true, sameSite: "strict" }),
    );
  });

  it("refuses an oversized or missing base file beside the field, before reading it", async () => {
    asA();
    const form = new FormData();
    form.set("planningId", accounts.a.plannings[0].id);
    form.set("file", new File([new Uint8Array(5 * 1024 * 1024 + 1)], "grosse.base"));
    expect(await plannings.loadBaseAction(form)).toEqual({
      ok: false,
      fieldErrors: { file: "Le fichier dépasse la taille maximale d'une base (5 Mo)." },
    });
    form.delete("file");
    expect(await plannings.loadBaseAction(form)).toEqual({ ok: false, fieldErrors: { file: "Choisissez un fichier de base." } });
  });

  it("validates input on the server and answers beside the field", async () => {
    asA();
    const result = await configuration.associatePlanningDomainAction({
      planningId: accounts.a.plannings[0].id,
      domain: "-mauvais-",
    });
    expect(result).toEqual({
      ok: false,
      fieldErrors: { domain: "Le nom de domaine ne peut ni commencer ni finir par un tiret." },
    });
  });

  /** What Next hands a route without dynamic segments. */
  const noParams = () => [new Request("http://localhost/"), { params: Promise.resolve({}) }] as const;

  /** Each route handler, called with B's identifiers where it takes any. next-auth's is the sign-in itself. */
  const routes: Record<string, () => Promise<Response>> = {
    "api/plannings/[planningId]/base GET": () =>
      baseRoute.GET(new Request("http://localhost/"), { params: Promise.resolve({ planningId: accounts.b.plannings[1].id }) }),
    "api/plannings/[planningId]/archives/[archiveId] GET": () =>
      archiveRoute.GET(new Request("http://localhost/"), {
        params: Promise.resolve({ planningId: accounts.b.plannings[1].id, archiveId: bArchiveId }),
      }),
    "api/courriers/[batchId] GET": () =>
      lettersRoute.GET(new Request("http://localhost/"), { params: Promise.resolve({ batchId: bBatchId }) }),
    "api/journal GET": () => journalRoute.GET(...noParams()),
    "api/client/param-client GET": () => paramClientRoute.GET(...noParams()),
  };

  /**
   * The ways in through a directory are public by nature (CAS): called without a session, they
   * send to a CAS server or back to the sign-in page, and change nothing of B's.
   */
  const publicRoutes: Record<string, () => Promise<Response>> = {
    "api/connexion/cas GET": () => casRoute.GET(new Request(`http://localhost/api/connexion/cas?controleur=inconnu.pronote-campus.net`)),
    "api/connexion/cas/retour GET": () =>
      casReturnRoute.GET(new Request(`http://localhost/api/connexion/cas/retour?controleur=inconnu.pronote-campus.net&ticket=ST-forged`)),
    "api/connexion/saml GET": () => samlRoute.GET(new Request("http://localhost/api/connexion/saml?controleur=inconnu.pronote-campus.net")),
    "api/connexion/saml/retour POST": () => {
      const form = new FormData();
      form.set("SAMLResponse", Buffer.from("<samlp:Response/>").toString("base64"));
      form.set("RelayState", "inconnu.pronote-campus.net");
      return samlReturnRoute.POST(new Request("http://localhost/api/connexion/saml/retour", { method: "POST", body: form }));
    },
    "api/espace/ent GET": () =>
      entRoute.GET(new Request(`http://localhost/api/espace/ent?adresse=https://${accounts.b.plannings[1].id}.example/`)),
    "api/espace/ent/retour GET": () =>
      entReturnRoute.GET(new Request(`http://localhost/api/espace/ent/retour?espace=${accounts.b.plannings[1].id}&ticket=ST-forged`)),
  };

  it("covers every route handler", async () => {
    const found: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = `${dir}/${entry.name}`;
        if (entry.isDirectory()) await walk(file);
        else if (entry.name === "route.ts" && !file.includes("[...nextauth]")) {
          const mod = await import(`@/${file.replace(/\.ts$/, "")}`);
          const route = file.replace(/^app\//, "").replace(/\/route\.ts$/, "");
          for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) if (mod[method]) found.push(`${route} ${method}`);
        }
      }
    };
    await walk("app");
    expect(found.sort()).toEqual([...Object.keys(routes), ...Object.keys(publicRoutes), "api/connexion/saml/metadata GET"].sort());
  });

  it("api/connexion/saml/metadata GET, public, says only the console's SP", async () => {
    session.current = null;
    const response = await samlMetadataRoute.GET(new Request("http://localhost/api/connexion/saml/metadata"));
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain(accounts.b.accountId);
  });

  it.each(Object.keys(publicRoutes))("%s, public, redirects and changes nothing of B's", async (name) => {
    session.current = null;
    userSession.current = null;
    const before = await snapshotOfB();
    const response = await publicRoutes[name]();
    expect(response.status).toBe(303);
    expect(await snapshotOfB()).toBe(before);
  });

  it.each(Object.keys(routes))("%s refuses a caller without session", async (name) => {
    session.current = null;
    userSession.current = null;
    const before = await snapshotOfB();
    expect((await routes[name]()).status).toBe(401);
    expect(await snapshotOfB()).toBe(before);
  });

  it.each(byRole(Object.keys(routes)))("as %s of A, %s gives nothing of account B and changes nothing", async (role, name) => {
    asA(role);
    const before = await snapshotOfB();
    const answer = await routes[name]();
    if (answer.ok) {
      const body = await answer.text();
      for (const secret of [accounts.b.accountId, accounts.b.hostingNumber, bPersonId, bBatchId]) expect(body).not.toContain(secret);
    } else {
      expect([401, 403, 404, 409]).toContain(answer.status);
    }
    expect(await snapshotOfB()).toBe(before);
  });

  it("serves another account's base as 'not found', and a base administrator no journal", async () => {
    asA();
    const params = Promise.resolve({ planningId: accounts.b.plannings[1].id });
    const foreign = await baseRoute.GET(new Request("http://localhost/"), { params });
    expect(foreign.status).toBe(404);
    const letters = await lettersRoute.GET(new Request("http://localhost/"), { params: Promise.resolve({ batchId: bBatchId }) });
    expect(letters.status).toBe(404);
    session.current = { ...session.current!, role: "BASE_ADMIN", userId: aAdminId };
    expect((await journalRoute.GET(...noParams())).status).toBe(403);
    session.current = null;
    expect((await baseRoute.GET(new Request("http://localhost/"), { params })).status).toBe(401);
    expect((await paramClientRoute.GET(...noParams())).status).toBe(401);
    expect((await journalRoute.GET(...noParams())).status).toBe(401);
    expect((await lettersRoute.GET(new Request("http://localhost/"), { params: Promise.resolve({ batchId: bBatchId }) })).status).toBe(401);
  });

  it("refuses a base administrator the Configuration, Contrôleur and Mon compte actions", async () => {
    asA();
    session.current = { ...session.current!, role: "BASE_ADMIN", userId: aAdminId, actor: "aadmin" };
    const forbidden = { ok: false, formError: "Vous n'avez pas accès à cette fonction." };
    expect(await configuration.renamePlanningAction({ planningId: accounts.a.plannings[0].id, name: "x" })).toEqual(forbidden);
    expect(await controller.createUserAction({ loginId: "intrus", lastName: "I", firstName: "I" })).toEqual(forbidden);
    expect(await controller.setControllerStatusAction({ running: false })).toEqual(forbidden);
    expect(await account.requestPreVersionAction({})).toEqual(forbidden);
    // He is in no Administration profile of account A: its plannings do not exist for him.
    const result = await plannings.setPublicationNameAction({ planningId: accounts.a.plannings[0].id, name: "x" });
    expect(result).toEqual({ ok: false, formError: "Élément introuvable." });
  });

  it("gives the ParamClient of the caller's own account only", async () => {
    asA();
    await db.domain.deleteMany({ where: { accountId: accounts.a.accountId, controllerId: { not: null } } });
    const refused = await paramClientRoute.GET(...noParams());
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/Fiche n°3/);
    const mine = `${uniqueLabel()}.pronote-campus.net`;
    const controllerA = await db.controller.findUniqueOrThrow({ where: { accountId: accounts.a.accountId } });
    await db.domain.create({ data: { accountId: accounts.a.accountId, controllerId: controllerA.id, fqdn: mine } });
    const text = await (await paramClientRoute.GET(...noParams())).text();
    expect(text).toContain(`Adresse=${mine}`);
    expect(text).toContain(`CompteHebergement=${accounts.a.hostingNumber}`);
    expect(text).not.toContain(accounts.b.hostingNumber);
  });
});

/** Every field name the zod schemas of the code base read, so that hostile objects reach each one. */
function schemaFields(): string[] {
  const fields = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith(".ts")) {
        for (const match of readFileSync(file, "utf8").matchAll(/\b([a-zA-Z]+)\??: (?:z\.|[a-zA-Z]+Schema\b)/g)) fields.add(match[1]);
      }
    }
  };
  walk("lib");
  return [...fields];
}

describe("X3 hostile input to every server action", () => {
  const FIELDS = schemaFields();
  /** What an attacker or a broken client sends instead of the form's values, in each field at once. */
  const HOSTILE_VALUES: Record<string, () => unknown> = {
    "chaîne de 1 Mo": () => "é".repeat(1_000_000),
    "octet NUL": () => "ecole\u0000x",
    "demi-caractère UTF-16": () => "\uD800abc",
    "inversion droite-gauche": () => "\u202Efdp.exe",
    "espace de largeur nulle": () => "\u200B",
    "emoji composés": () => "👩‍👩‍👧‍👦".repeat(40),
    formule: () => '=HYPERLINK("http://x")',
    SQL: () => '\'; DROP TABLE "HostingAccount"; --',
    HTML: () => "<script>alert(1)</script>",
    nombre: () => 123456789012345,
    négatif: () => -1,
    infini: () => Infinity,
    booléen: () => true,
    objet: () => ({ $gt: "" }),
    tableau: () => ["a", { b: 1 }],
    "id d'un autre compte": () => accounts.b.plannings[0].id,
  };
  const HOSTILE_INPUTS: Record<string, () => unknown> = {
    rien: () => undefined,
    null: () => null,
    texte: () => "texte",
    "tableau vide": () => [],
    "objet vide": () => ({}),
    prototype: () => JSON.parse('{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {}}}'),
    ...Object.fromEntries(
      Object.entries(HOSTILE_VALUES).map(([name, value]) => [
        `chaque champ : ${name}`,
        () => Object.fromEntries(FIELDS.map((field) => [field, value()])),
      ]),
    ),
  };

  /**
   * Inputs no field of any form can take: every action that reads its input must refuse them. The
   * others (text with odd characters, a boolean, another account's id) may make a valid input for
   * some action, which then stores them as typed; none may fail without a French answer.
   */
  const NEVER_VALID = new Set([
    "rien",
    "null",
    "texte",
    "tableau vide",
    "chaque champ : chaîne de 1 Mo",
    "chaque champ : octet NUL",
    "chaque champ : demi-caractère UTF-16",
    "chaque champ : nombre",
    "chaque champ : infini",
    "chaque champ : objet",
    "chaque champ : tableau",
  ]);
  /** Actions that read no input: what they are given does not matter. */
  const TAKES_NO_INPUT = new Set(["resendCredentialsAction", "startTotpEnrolmentAction", "signOutOperatorAction"]);

  let exported: [string, (input: unknown) => Promise<{ ok: boolean; formError?: string; fieldErrors?: Record<string, string> }>][];
  beforeAll(async () => {
    exported = [];
    for (const file of readdirSync("lib/actions").filter((f) => f !== "action-client.ts")) {
      const mod = await import(`@/lib/actions/${file.replace(/\.ts$/, "")}`);
      for (const [name, fn] of Object.entries(mod)) if (typeof fn === "function") exported.push([name, fn as never]);
    }
  });

  it("reads the fields of the schemas", () => {
    expect(FIELDS).toEqual(expect.arrayContaining(["planningId", "domain", "loginId", "password", "text", "requestKey"]));
  });

  it.each(Object.keys(HOSTILE_INPUTS))(
    "%s: every action answers in French, without error page, and stores nothing it refused",
    async (kind) => {
      const unexpected: string[] = [];
      for (const [name, action] of exported) {
        asA();
        const before = [await snapshotOf(accounts.a.accountId), await snapshotOfB()];
        let result: Awaited<ReturnType<typeof action>>;
        try {
          result = await action(HOSTILE_INPUTS[kind]());
        } catch (error) {
          unexpected.push(`${name} a levé ${String(error).slice(0, 120)}`);
          continue;
        }
        if (result.ok) {
          if (NEVER_VALID.has(kind) && !TAKES_NO_INPUT.has(name)) unexpected.push(`${name} a accepté`);
          continue;
        }
        const messages = [result.formError, ...Object.values(result.fieldErrors ?? {})].filter(Boolean) as string[];
        if (!messages.length) unexpected.push(`${name} a refusé sans message`);
        for (const message of messages) {
          if (/erreur inattendue/.test(message)) unexpected.push(`${name} : erreur inattendue`);
          else if (!/\p{L}{2,}\s.*\p{L}{2,}/u.test(message) || message.length > 400)
            unexpected.push(`${name} : « ${message.slice(0, 80)} »`);
        }
        if (JSON.stringify([await snapshotOf(accounts.a.accountId), await snapshotOfB()]) !== JSON.stringify(before)) {
          unexpected.push(`${name} a écrit`);
        }
      }
      expect(unexpected).toEqual([]);
    },
  );
});
