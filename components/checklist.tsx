import type { ChecklistItem } from "@/lib/server/checklist";

/** X1: the guide's Fiches with ☐ / ☑, and the next step named. */
export function Checklist({ items, next }: { items: ChecklistItem[]; next: ChecklistItem | null }) {
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
              Fiche n°{item.number} {item.title}
            </span>
          </li>
        ))}
      </ol>
    </aside>
  );
}
