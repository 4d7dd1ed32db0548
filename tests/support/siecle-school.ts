import { db } from "@/lib/db";
import { listLetterModels } from "@/lib/server/letters/letter-models";
import { applySiecleImport } from "@/lib/server/siecle/siecle-import";
import { schoolYearAt } from "@/lib/school-calendar";
import { readyAccount } from "./fixtures";
import { sieclePupilsXml, siecleResponsablesXml, UAI } from "./siecle";

/**
 * An account ready to send (Fiches 1 to 10) whose `pupils` pupils and their responsables come from
 * SIECLE: each family (two parents) at one address, pupils 0 and 1 brothers; `model(name)` finds a
 * letter or SMS model's id.
 */
export async function siecleSchool(pupils: number) {
  const account = await readyAccount();
  const ctx = { accountId: account.accountId, role: "HOSTING" as const, userId: null, actor: "responsable", ip: "127.0.0.1" };
  const planning = await db.planning.findFirstOrThrow({ where: { accountId: account.accountId } });
  await db.planning.update({ where: { id: planning.id }, data: { netLicence: true } });
  const year = schoolYearAt(new Date());
  await applySiecleImport(ctx, {
    planningId: planning.id,
    uai: UAI,
    pupils: { name: "ElevesSansAdresses.xml", bytes: sieclePupilsXml(pupils, { year }) },
    responsables: { name: "ResponsablesAvecAdresses.xml", bytes: siecleResponsablesXml(pupils, { year }) },
  });
  const models = await listLetterModels(account.accountId);
  const model = (name: string) => models.find((m) => m.name === name)!.id;
  return { account, ctx, model };
}
