import Link from "next/link";
import { FICHE_PLACES } from "@/lib/guide-paths";
import type { ChecklistItem } from "@/lib/server/checklist";

/** X1: the guide's Fiches with ☐ / ☑, each a link to where it is done, and the next step named. */
export function Checklist({ items, next, panels }: { items: ChecklistItem[]; next: ChecklistItem | null; panels: string[] }) {
  const place = (number: number) => {
    const href = FICHE_PLACES[number];
    return href && panels.some((panel) => href.startsWith(panel)) ? href : null;
  };
  return (
    <aside aria-labelledby="titre-etapes" className="card text-sm">
      <h2 id="titre-etapes" className="mb-2 font-semibold">
        Étapes du guide
      </h2>
      <p className="mb-3 rounded bg-amber-50 px-2 py-1 text-amber-900" data-testid="next-step">
        {next ? `Prochaine étape : Fiche n°${next.number} ${next.title}` : "Toutes les étapes du guide sont faites."}
      </p>
      <ol className="space-y-1">
        {items.map((item) => (
          <li key={item.number} className="flex gap-2">
            <span aria-hidden="true">{item.done ? "☑" : "☐"}</span>
            <span>
              <span className="sr-only">{item.done ? "Fait : " : "À faire : "}</span>
              {place(item.number) ? (
                <Link href={place(item.number)!} className="underline decoration-slate-400 hover:text-brand-dark">
                  Fiche n°{item.number} {item.title}
                </Link>
              ) : (
                <>
                  Fiche n°{item.number} {item.title}
                </>
              )}
            </span>
          </li>
        ))}
      </ol>
    </aside>
  );
}
