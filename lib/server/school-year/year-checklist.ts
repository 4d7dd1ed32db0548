import "server-only";
import { cache } from "react";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import { accountVersion } from "@/lib/product-version";
import { parisParts, schoolYearLabel, yearArchiveOn, yearChangeOn } from "@/lib/school-calendar";

export type YearChecklistItem = { title: string; done: boolean; at: Date | null; href: string };

/** The yearly list shows from the archive until 67 days after the change: with the guide's dates, July to October. */
const shownUntil = (year: number) => new Date(yearChangeOn(year).getTime() + 67 * 86_400_000);

/**
 * Seed 004 "Chaque année", on the console's home from July for an account older than the year's
 * archive (a new account keeps the first rentrée's Fiches): each step of the second rentrée with its
 * state, its date and where it is done. Null outside July–October (the yearly settings move it).
 */
export const getYearChecklist = cache(async (accountId: string, now: Date = clock.now()) => {
  const year = parisParts(now).year;
  if (now < yearArchiveOn(year) || now >= shownUntil(year)) return null;
  const account = await db.hostingAccount.findUnique({
    where: { id: accountId },
    select: {
      createdAt: true,
      preVersion: true,
      version: true,
      yearlySteps: { where: { year }, select: { step: true, doneAt: true } },
      bases: { select: { version: true, createdAt: true } },
      archives: { where: { schoolYear: year - 1 }, select: { createdAt: true, recoveredAt: true } },
    },
  });
  if (!account || account.createdAt >= yearArchiveOn(year)) return null;
  const step = (name: string) => account.yearlySteps.find((s) => s.step === name)?.doneAt ?? null;
  const newBases = account.bases.filter((b) => Number(b.version) >= year).sort((a, b) => +a.createdAt - +b.createdAt);
  const inService = newBases[0]?.createdAt ?? null;
  const latest = (dates: (Date | null)[]) => dates.filter((d): d is Date => d !== null).sort((a, b) => +b - +a)[0] ?? null;
  const archived = step("ARCHIVE") ?? latest(account.archives.map((a) => a.createdAt));
  const recovered = latest(account.archives.map((a) => a.recoveredAt));
  // The update and the letters that count are those made for the new base, once it is in service.
  const since = inService;
  const [imported, sent] = await Promise.all([
    !since
      ? null
      : db.auditEvent.findFirst({
          where: { accountId, action: { in: ["people.siecle-import", "people.sts-import"] }, createdAt: { gte: since } },
          orderBy: { createdAt: "desc" },
          select: { createdAt: true },
        }),
    !since
      ? null
      : db.letterBatch.findFirst({
          where: { accountId, sent: { gt: 0 }, createdAt: { gte: since } },
          orderBy: { createdAt: "desc" },
          select: { createdAt: true },
        }),
  ]);
  const version = Number(accountVersion(account, now));
  const items: YearChecklistItem[] = [
    { title: `Archive de la base ${schoolYearLabel(year - 1)}`, done: archived !== null, at: archived, href: "/plannings#titre-archives" },
    { title: `Passage à la version ${year}`, done: version >= year, at: step("CHANGE"), href: "/compte" },
    { title: `Nouvelle base ${schoolYearLabel(year)} en service`, done: inService !== null, at: inService, href: "/plannings" },
    { title: "Données de l'an passé récupérées", done: recovered !== null, at: recovered, href: "/plannings#titre-archives" },
    {
      title: "Mise à jour SIECLE et STSWEB importée",
      done: imported !== null,
      at: imported?.createdAt ?? null,
      href: "/communication?onglet=destinataires",
    },
    {
      title: "Courriers envoyés aux nouveaux utilisateurs",
      done: sent !== null,
      at: sent?.createdAt ?? null,
      href: "/communication?onglet=destinataires",
    },
  ];
  return { year, items, next: items.find((item) => !item.done) ?? null };
});
