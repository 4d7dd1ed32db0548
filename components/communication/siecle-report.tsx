"use client";

type Counts = { total: number; arrivals: number; departures: number; changes: number; returns: number };

/** What previewSiecleImport or previewStsImport says the files would change (lib/server/siecle/). */
export type Report = {
  schoolYear: string;
  otherYear: boolean;
  pupils?: Counts & { left: number };
  responsables?: Counts & { notLegal: number; withoutCurrentPupil: number };
  teachers?: Counts;
  unchanged: number;
  arrivals: { population: string; name: string; group: string }[];
  departures: { population: string; name: string; loginId: string }[];
  changes: { population: string; name: string; loginId: string; said: string }[];
  problems: string[];
  problemCount: number;
};

const WHO = { ELEVES: "Élève", RESPONSABLES: "Responsable", PROFESSEURS: "Professeur" } as Record<string, string>;

/** A national import's report, read before "Importer": the counts, then who arrives, leaves or changes. */
export function SiecleReport({ report }: { report: Report }) {
  const rows = (
    [
      ["Élèves", report.pupils],
      ["Responsables", report.responsables],
      ["Professeurs", report.teachers],
    ] as const
  ).flatMap(([label, counts]) => (counts ? [[label, counts] as const] : []));
  return (
    <div className="space-y-3 text-sm" aria-live="polite">
      <table className="text-left">
        <caption className="sr-only">Ce que l&apos;import changera</caption>
        <thead>
          <tr>
            <th scope="col"> </th>
            <th scope="col">Dans les fichiers</th>
            <th scope="col">Arrivées</th>
            <th scope="col">Départs (désactivés)</th>
            <th scope="col">Modifications</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, counts]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{counts.total}</td>
              <td>{counts.arrivals}</td>
              <td>{counts.departures}</td>
              <td>{counts.changes + counts.returns}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.pupils && report.responsables && (
        <p>
          {report.pupils.left} élève(s) sorti(s) de l&apos;établissement (date de sortie) et {report.responsables.notLegal} responsable(s)
          non légal(aux) ne sont pas importés ; {report.responsables.withoutCurrentPupil} responsable(s) sans élève actuel non plus.
        </p>
      )}
      <Listed title="Arrivées" items={report.arrivals.map((a) => `${WHO[a.population]} : ${a.name}${a.group ? ` (${a.group})` : ""}`)} />
      <Listed title="Départs" items={report.departures.map((d) => `${WHO[d.population]} : ${d.name} (${d.loginId})`)} />
      <Listed title="Modifications" items={report.changes.map((c) => `${WHO[c.population]} : ${c.name} (${c.loginId}) — ${c.said}`)} />
      <Listed title={`Problèmes (${report.problemCount})`} items={report.problems} />
    </div>
  );
}

function Listed({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <details>
      <summary className="cursor-pointer font-medium">
        {title} ({items.length}
        {items.length >= 200 ? " premiers" : ""})
      </summary>
      <ul className="ml-5 list-disc">
        {items.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list, two people may bear one name
          <li key={i}>{item}</li>
        ))}
      </ul>
    </details>
  );
}
