import "server-only";
import { createHash } from "node:crypto";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import type { TimetableBase } from "@/lib/generated/prisma/client";
import { sizeLabel } from "@/lib/file-size";
import { schoolYearLabel } from "@/lib/school-calendar";
import { encodeBaseFile } from "@/lib/server/base/base-file";
import { baseContentOf } from "@/lib/server/base/base-row";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { AppError, isUniqueViolation } from "@/lib/server/errors";
import type { Actor } from "@/lib/server/actor";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

type Planning = { id: string; name: string; account: { product: string } };

/**
 * The archive of `base` for the school year it served (its version), written once and read back:
 * the stored bytes must give the digest computed before the write, or the archive is refused and
 * nothing relies on it. Two instances archiving the same base at once write one archive; a second
 * call finds it and checks it again. Returns the checked archive.
 */
export async function ensureArchived(actor: Actor, planning: Planning, base: TimetableBase) {
  const schoolYear = Number(base.version);
  const existing = await readBackArchive(planning.id, schoolYear);
  if (existing) return existing;
  const bytes = encodeBaseFile(baseContentOf(planning.account.product, base));
  const digest = sha256(bytes);
  try {
    await db.$transaction(async (tx) => {
      await tx.baseArchive.create({
        data: {
          accountId: actor.accountId,
          planningId: planning.id,
          schoolYear,
          baseName: base.name,
          version: base.version,
          content: new Uint8Array(bytes),
          size: bytes.length,
          sha256: digest,
          createdAt: clock.now(),
        },
      });
      await recordAuditEvent(
        {
          ...actor,
          action: "year.archive",
          detail: `${planning.name} : ${base.name}, archive ${schoolYearLabel(schoolYear)} (${sizeLabel(bytes.length)})`,
        },
        tx,
      );
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error; // another instance wrote it first: read it back below
  }
  const written = await readBackArchive(planning.id, schoolYear);
  if (!written) {
    throw new AppError("ARCHIVE", `L'archive ${schoolYearLabel(schoolYear)} de ${planning.name} n'a pas pu être relue.`);
  }
  return written;
}

/** An archive's bytes, only if they still give its digest and length. */
export function readArchive(archive: { content: Uint8Array; size: number; sha256: string; schoolYear: number }) {
  const bytes = Buffer.from(archive.content);
  if (bytes.length !== archive.size || sha256(bytes) !== archive.sha256) {
    throw new AppError(
      "ARCHIVE",
      `L'archive ${schoolYearLabel(archive.schoolYear)} est endommagée : sa somme de contrôle ne correspond pas à son contenu.`,
    );
  }
  return bytes;
}

/** The archive as stored, checked. */
async function readBackArchive(planningId: string, schoolYear: number) {
  const archive = await db.baseArchive.findUnique({ where: { planningId_schoolYear: { planningId, schoolYear } } });
  if (!archive) return null;
  readArchive(archive);
  return { id: archive.id, schoolYear, size: archive.size, sha256: archive.sha256 };
}
