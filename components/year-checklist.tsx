import Link from "next/link";
import { schoolYearLabel } from "@/lib/school-calendar";
import type { YearChecklistItem } from "@/lib/server/school-year/year-checklist";

const DAY = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", dateStyle: "short" });

/** Seed 004 "Chaque année": the second rentrée's steps with ☐ / ☑, their dates and links, as X1 lists the Fiches. */
export function YearChecklist({ year, items, next }: { year: number; items: YearChecklistItem[]; next: YearChecklistItem | null }) {
  return (
    <aside aria-labelledby="titre-chaque-annee" className="card text-sm">
      <h2 id="titre-chaque-annee" className="mb-2 font-semibold">
        Chaque année — rentrée {schoolYearLabel(year)}
      </h2>
      <p className="mb-3 rounded bg-amber-50 px-2 py-1 text-amber-900" data-testid="year-next-step">
        {next ? `Prochaine étape : ${next.title}` : "Toutes les étapes de l'année sont faites."}
      </p>
      <ol className="space-y-1">
        {items.map((item) => (
          <li key={item.title} className="flex gap-2">
            <span aria-hidden="true">{item.done ? "☑" : "☐"}</span>
            <span>
              <span className="sr-only">{item.done ? "Fait : " : "À faire : "}</span>
              <Link href={item.href} className="underline decoration-slate-400 hover:text-brand-dark">
                {item.title}
              </Link>
              {item.at && <span className="text-slate-600"> — le {DAY.format(item.at)}</span>}
            </span>
          </li>
        ))}
      </ol>
    </aside>
  );
}
