import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createBase } from "@/lib/server/base/create-base";
import { loadBase } from "@/lib/server/base/load-base";
import { transferBase } from "@/lib/server/base/transfer-base";
import { decodeBaseFile, encodeBaseFile, type BaseFileContent } from "@/lib/server/base/base-file";
import { MAX_BASE_FILE_BYTES } from "@/lib/schemas/base";
import { setPlanningPublished, setPlanningRunning, setPublicUrl, setPublicationName } from "@/lib/server/planning/service-and-publication";
import { listAdministeredPlannings } from "@/lib/server/planning/administered-planning";
import { schoolYearVersion } from "@/lib/product-version";
import { defaultGrid } from "@/lib/timetable-grid";
import { emptyResources } from "@/lib/base-resources";
import { AppError } from "@/lib/server/errors";
import { asResponsible, readyAccount } from "./support/fixtures";

const version = String(schoolYearVersion(new Date()));
const grid = { ...defaultGrid(Number(version)), name: "Base 2026" };

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("accepted");
}

function decodeRefusal(bytes: Buffer, expected = { product: "PRONOTE_CAMPUS", version }): string {
  try {
    decodeBaseFile(bytes, expected);
  } catch (error) {
    return (error as AppError).code;
  }
  return "ACCEPTED";
}

const content: BaseFileContent = {
  product: "PRONOTE_CAMPUS",
  version,
  name: "Base 2026",
  grid: {
    firstMonday: grid.firstMonday,
    lastSunday: grid.lastSunday,
    workingDays: [1, 2, 3, 4, 5],
    sequencesPerDay: 12,
    sequenceMinutes: 60,
    split: 2,
  },
  resources: { ...emptyResources(), matieres: 42, salles: 17 },
  lastEditedAt: "2026-05-28T12:16:00.000Z",
};

describe("Base files: versioned, checksummed, refused with the reason", () => {
  const good = encodeBaseFile(content);

  it("reads back what it wrote", () => {
    expect(decodeBaseFile(good, { product: "PRONOTE_CAMPUS", version })).toEqual(content);
    expect(good.subarray(0, 27).toString()).toBe("CONSOLE-HEBERGEMENT-BASE/1\n");
  });

  it("refuses a truncated file wherever it is cut", () => {
    for (const cut of [30, Math.floor(good.length / 2), good.length - 70, good.length - 5]) {
      expect(decodeRefusal(good.subarray(0, cut))).toBe("BASE_FILE_TRUNCATED");
    }
    expect(decodeRefusal(good.subarray(0, 26))).toBe("BASE_FILE_TRUNCATED");
  });

  it("refuses an altered file by its checksum", () => {
    const altered = Buffer.from(good);
    const at = good.indexOf('"matieres":42') + 12;
    altered[at] = "3".charCodeAt(0);
    expect(decodeRefusal(altered)).toBe("BASE_FILE_CHECKSUM");
  });

  it("refuses a base of another version or another product, naming both", () => {
    const older = encodeBaseFile({ ...content, version: "2019" });
    expect(() => decodeBaseFile(older, { product: "PRONOTE_CAMPUS", version })).toThrow(
      `Cette base est en version 2019 ; vos plannings sont en version ${version}. Chargez une base de la version ${version}.`,
    );
    const hyper = encodeBaseFile({ ...content, product: "HYPERPLANNING" });
    expect(() => decodeBaseFile(hyper, { product: "PRONOTE_CAMPUS", version })).toThrow(
      "Ce fichier est une base HYPERPLANNING : il ne peut pas être chargé dans un planning PRONOTE Campus.",
    );
  });

  it("refuses what is not a base, an empty or oversized file, and a format it cannot read", () => {
    expect(decodeRefusal(Buffer.from("%PDF-1.7\n1 0 obj\n"))).toBe("BASE_FILE_NOT_A_BASE");
    expect(decodeRefusal(Buffer.from([0xff, 0xfe, 0x00, 0x01]))).toBe("BASE_FILE_NOT_A_BASE");
    expect(decodeRefusal(Buffer.alloc(0))).toBe("BASE_FILE_EMPTY");
    expect(decodeRefusal(Buffer.alloc(MAX_BASE_FILE_BYTES + 1, 0x20))).toBe("BASE_FILE_TOO_LARGE");
    expect(decodeRefusal(Buffer.from(good.toString().replace("BASE/1", "BASE/9")))).toBe("BASE_FILE_FORMAT");
  });

  it("checks the content once the checksum holds: a grid of 63 weeks is no base", () => {
    const tooLong = encodeBaseFile({ ...content, grid: { ...content.grid, lastSunday: "2027-11-14", firstMonday: "2026-08-31" } });
    expect(() => decodeBaseFile(tooLong, { product: "PRONOTE_CAMPUS", version })).toThrow(
      "Le contenu de la base est invalide : Un emploi du temps peut recouvrir entre 1 et 62 semaines : vous en avez choisi 63.",
    );
    const negative = encodeBaseFile({ ...content, resources: { ...content.resources, cours: -1 } });
    expect(decodeRefusal(negative)).toBe("BASE_FILE_CONTENT");
  });
});

describe("F8 Créer une base: preconditions, one transaction, one base", () => {
  it("creates the base, puts it in service and publishes it with the .net licence", async () => {
    const account = await readyAccount();
    const ctx = asResponsible(account.accountId);
    const [p1, p2] = account.plannings;
    await db.planning.update({ where: { id: p2.id }, data: { netLicence: false } });

    expect(await createBase(ctx, p1.id, grid)).toEqual({ name: "Base 2026", status: "RUNNING", published: true });
    expect(await createBase(ctx, p2.id, grid)).toEqual({ name: "Base 2026", status: "RUNNING", published: false });
    const [one, two] = await listAdministeredPlannings(ctx);
    expect([one.status, one.publication, one.base?.name, one.base?.workingDays]).toEqual([
      "RUNNING",
      "PUBLISHED",
      "Base 2026",
      "1,2,3,4,5",
    ]);
    expect([two.status, two.publication]).toEqual(["RUNNING", "UNPUBLISHED"]);
    expect(one.base?.version).toBe(version);
  });

  it("refuses while the controller is off, without a domain, or on a planning in service, naming the step", async () => {
    const account = await readyAccount();
    const ctx = asResponsible(account.accountId);
    const planning = account.plannings[0];
    await db.controller.update({ where: { accountId: account.accountId }, data: { status: "STOPPED" } });
    expect((await refusal(createBase(ctx, planning.id, grid))).message).toBe(
      "Le contrôleur n'est pas en service : activez-le d'abord depuis le volet Contrôleur (Fiche n°5).",
    );
    await db.controller.update({ where: { accountId: account.accountId }, data: { status: "RUNNING" } });
    await db.domain.deleteMany({ where: { planningId: planning.id } });
    expect((await refusal(createBase(ctx, planning.id, grid))).message).toMatch(/nom de domaine.*\(Fiche n°3\)/);
    const other = account.plannings[1];
    await createBase(ctx, other.id, grid);
    expect((await refusal(createBase(ctx, other.id, grid))).message).toBe(
      "Le serveur est en service : cliquez d'abord sur « Arrêter le serveur » pour créer une nouvelle base.",
    );
    expect(await db.timetableBase.count({ where: { accountId: account.accountId } })).toBe(1);
  });

  it("gives one base when it is created ten times at once", async () => {
    const account = await readyAccount();
    const ctx = asResponsible(account.accountId);
    const planning = account.plannings[0];
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => createBase(ctx, planning.id, { ...grid, name: `Base ${i}` })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
    }
    expect(await db.timetableBase.count({ where: { planningId: planning.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { accountId: account.accountId, action: "base.create" } })).toBe(1);
  });

  it("replaces the base of a stopped planning", async () => {
    const account = await readyAccount();
    const ctx = asResponsible(account.accountId);
    const planning = account.plannings[0];
    await createBase(ctx, planning.id, grid);
    await setPlanningRunning(ctx, planning.id, false);
    await createBase(ctx, planning.id, { ...grid, name: "Base bis", workingDays: [1, 2, 3, 4, 5, 6] });
    const bases = await db.timetableBase.findMany({ where: { planningId: planning.id } });
    expect(bases.map((b) => [b.name, b.workingDays])).toEqual([["Base bis", "1,2,3,4,5,6"]]);
  });
});

describe("Transférer la base / Charger une base", () => {
  it("moves a base from planning01 to a stopped planning02, and refuses it into a planning in service", async () => {
    const account = await readyAccount();
    const ctx = asResponsible(account.accountId);
    const [p1, p2] = account.plannings;
    await createBase(ctx, p1.id, grid);
    const { filename, bytes } = await transferBase(ctx, p1.id);
    expect(filename).toBe(`planning01-Base_2026-v${version}.base`);

    await createBase(ctx, p2.id, { ...grid, name: "Autre" });
    expect((await refusal(loadBase(ctx, p2.id, bytes))).message).toBe(
      "Le serveur est en service : cliquez d'abord sur « Arrêter le serveur » pour charger une base.",
    );
    await setPlanningRunning(ctx, p2.id, false);
    expect(await loadBase(ctx, p2.id, bytes)).toEqual({ name: "Base 2026" });
    const loaded = await db.planning.findUniqueOrThrow({ where: { id: p2.id }, include: { base: true } });
    expect([loaded.status, loaded.base?.name]).toEqual(["STOPPED", "Base 2026"]);
    await setPlanningRunning(ctx, p2.id, true);
    expect(await db.planning.findUniqueOrThrow({ where: { id: p2.id } })).toMatchObject({ status: "RUNNING", publication: "PUBLISHED" });
  });

  it("leaves the current base untouched when a file is refused, and records the refusal", async () => {
    const account = await readyAccount();
    const ctx = asResponsible(account.accountId);
    const planning = account.plannings[0];
    await createBase(ctx, planning.id, grid);
    const { bytes } = await transferBase(ctx, planning.id);
    await setPlanningRunning(ctx, planning.id, false);
    const before = await db.timetableBase.findUniqueOrThrow({ where: { planningId: planning.id } });
    const refused = await refusal(loadBase(ctx, planning.id, bytes.subarray(0, bytes.length - 20)));
    expect(refused).toMatchObject({ code: "BASE_FILE_TRUNCATED", field: "file" });
    expect(await db.timetableBase.findUniqueOrThrow({ where: { planningId: planning.id } })).toEqual(before);
    expect(await db.auditEvent.count({ where: { accountId: account.accountId, action: "base.load.refused" } })).toBe(1);
  });

  it("says there is nothing to transfer before a base exists", async () => {
    const account = await readyAccount();
    expect((await refusal(transferBase(asResponsible(account.accountId), account.plannings[0].id))).message).toBe(
      "Aucune base chargée : créez ou chargez d'abord une base.",
    );
  });
});

describe("F7 service and F9 publication", () => {
  it("refuses to start without a base, to stop twice, and to publish without the .net licence or while stopped", async () => {
    const account = await readyAccount();
    const ctx = asResponsible(account.accountId);
    const planning = account.plannings[0];
    expect((await refusal(setPlanningRunning(ctx, planning.id, true))).message).toMatch(/^Aucune base chargée .* \(Fiche n°6\)\.$/);
    expect((await refusal(setPlanningRunning(ctx, planning.id, false))).message).toBe("Le serveur est déjà arrêté.");
    expect((await refusal(setPlanningPublished(ctx, planning.id, true))).message).toBe(
      "Le serveur est arrêté : mettez-le d'abord en service pour publier les Espaces.",
    );
    await db.planning.update({ where: { id: planning.id }, data: { netLicence: false } });
    expect((await refusal(setPlanningPublished(ctx, planning.id, true))).message).toBe(
      "La licence PRONOTE Campus.net n'est pas activée pour ce planning : le responsable de l'hébergement doit cocher « Activer une licence PRONOTE Campus.net » dans le volet Configuration (Fiche n°3).",
    );
    expect((await refusal(setPublicUrl(ctx, planning.id, "https://ecole.example.fr/"))).code).toBe("NO_NET_LICENCE");
  });

  it("stops publishing when the server stops, and publishes and unpublishes on demand", async () => {
    const account = await readyAccount();
    const ctx = asResponsible(account.accountId);
    const planning = account.plannings[0];
    await createBase(ctx, planning.id, grid);
    expect(await setPlanningPublished(ctx, planning.id, false)).toEqual({ publication: "UNPUBLISHED" });
    expect(await setPlanningPublished(ctx, planning.id, true)).toEqual({ publication: "PUBLISHED" });
    expect(await setPlanningRunning(ctx, planning.id, false)).toEqual({ status: "STOPPED", publication: "UNPUBLISHED" });
  });

  it("keeps the publication name and the public address, with their defaults", async () => {
    const account = await readyAccount();
    const ctx = asResponsible(account.accountId);
    const planning = account.plannings[0];
    expect(await setPublicationName(ctx, planning.id, "Année en cours")).toEqual({ publicationName: "Année en cours" });
    expect(await setPublicationName(ctx, planning.id, "")).toEqual({ publicationName: "planning01" });
    const fqdn = (await db.domain.findUniqueOrThrow({ where: { planningId: planning.id } })).fqdn;
    expect(await setPublicUrl(ctx, planning.id, "https://edt.ecole.fr/")).toEqual({ publicUrl: "https://edt.ecole.fr/" });
    expect(await setPublicUrl(ctx, planning.id, "")).toEqual({ publicUrl: `https://${fqdn}/` });
    expect((await db.planning.findUniqueOrThrow({ where: { id: planning.id } })).publicUrl).toBeNull();
  });
});

describe("Role rules: a base administrator administers only his plannings", () => {
  it("sees and changes only the plannings where he is in Administration", async () => {
    const account = await readyAccount();
    const [p1, p2] = account.plannings;
    const admin = await db.controllerUser.create({
      data: {
        accountId: account.accountId,
        loginId: "badmin",
        loginKey: "badmin",
        lastName: "B",
        firstName: "A",
        status: "BASE_ADMIN",
        consoleAccess: true,
      },
    });
    await db.profileAssignment.createMany({
      data: [
        { accountId: account.accountId, planningId: p1.id, userId: admin.id, profile: "ADMINISTRATION" },
        { accountId: account.accountId, planningId: p2.id, userId: admin.id, profile: "MODIFICATION" },
      ],
    });
    const ctx = { accountId: account.accountId, role: "BASE_ADMIN" as const, userId: admin.id, actor: "badmin", ip: "127.0.0.1" };
    expect((await listAdministeredPlannings(ctx)).map((p) => p.name)).toEqual(["planning01"]);
    expect(await createBase(ctx, p1.id, grid)).toMatchObject({ status: "RUNNING" });
    expect((await refusal(createBase(ctx, p2.id, grid))).code).toBe("NOT_FOUND");
    expect(await setPlanningRunning(ctx, p1.id, false)).toMatchObject({ status: "STOPPED" });
    // One at a time: a refusal started before its turn would reject with nobody listening yet.
    for (const attempt of [
      () => setPlanningRunning(ctx, p2.id, true),
      () => setPlanningPublished(ctx, p2.id, true),
      () => setPublicationName(ctx, p2.id, "Volé"),
      () => transferBase(ctx, p2.id),
      () => loadBase(ctx, p2.id, encodeBaseFile(content)),
    ]) {
      expect((await refusal(attempt())).code).toBe("NOT_FOUND");
    }
    const superadmin = { ...ctx, role: "SUPERADMIN" as const, userId: account.superadminId, actor: "sadmin" };
    expect((await listAdministeredPlannings(superadmin)).map((p) => p.name)).toEqual(["planning01", "planning02"]);
  });
});
