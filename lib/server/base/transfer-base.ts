import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getAdministeredPlanning } from "@/lib/server/planning/administered-planning";
import { BASE_FILE_EXTENSION, encodeBaseFile } from "./base-file";
import type { ConsoleActor } from "@/lib/server/actor";
import { baseContentOf } from "./base-row";

/** "Transférer la base": the current base as a versioned, checksummed file. */
export async function transferBase(ctx: ConsoleActor, planningId: string) {
  const planning = await getAdministeredPlanning(ctx, planningId);
  const base = planning.base;
  if (!base) throw new AppError("NO_BASE", "Aucune base chargée : créez ou chargez d'abord une base.");
  const bytes = encodeBaseFile(baseContentOf(planning.account.product, base));
  await recordAuditEvent({ ...ctx, action: "base.transfer", detail: `${planning.name} : ${base.name}` }, db);
  const stem = `${planning.name}-${base.name}-v${base.version}`.replace(/[^\p{L}\p{N}._-]+/gu, "_");
  return { filename: `${stem}${BASE_FILE_EXTENSION}`, bytes };
}
