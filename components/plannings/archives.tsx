import { sizeLabel } from "@/lib/file-size";
import { schoolYearLabel } from "@/lib/school-calendar";
import { createNextYearBaseAction } from "@/lib/actions/plannings";
import { ActionButton } from "@/components/action-button";
import { RecoverYearDialog } from "./recover-year-dialog";

type Archive = { id: string; schoolYear: number; baseName: string; size: number; sha256: string; createdAt: Date };

const dateLabel = (date: Date, timeZone: string) =>
  new Intl.DateTimeFormat("fr-FR", { timeZone, dateStyle: "short", timeStyle: "short" }).format(date);

/**
 * Seed 004 "Chaque année": the planning's archives, read-only, one per school year, each downloadable
 * as a base file; and, for an account on the pre-version in July and August, the next year's base.
 */
export function PlanningArchives({
  planningId,
  archives,
  recoverable,
  timeZone,
  nextYear,
}: {
  planningId: string;
  archives: Archive[];
  recoverable: { id: string; schoolYear: number; baseName: string; recoveredAt: Date | null }[];
  timeZone: string;
  nextYear: number | null;
}) {
  return (
    <section aria-labelledby="titre-archives" className="space-y-2">
      <h3 id="titre-archives" className="font-semibold">
        Archives
      </h3>
      {archives.length === 0 ? (
        <p className="text-sm text-slate-600">
          Aucune archive : début juillet, une archive de la base en service est créée automatiquement.
        </p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Archives des bases de ce planning, de la plus récente à la plus ancienne</caption>
          <thead>
            <tr>
              <th scope="col">Année</th>
              <th scope="col">Base</th>
              <th scope="col">Créée le</th>
              <th scope="col">Taille</th>
              <th scope="col">Somme de contrôle (SHA-256)</th>
              <th scope="col">
                <span className="sr-only">Télécharger</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {archives.map((archive) => (
              <tr key={archive.id}>
                <td>{schoolYearLabel(archive.schoolYear)}</td>
                <td>{archive.baseName}</td>
                <td>{dateLabel(archive.createdAt, timeZone)}</td>
                <td>{sizeLabel(archive.size)}</td>
                <td>
                  <code className="break-all text-xs">{archive.sha256}</code>
                </td>
                <td>
                  <a
                    className="text-brand underline"
                    href={`/api/plannings/${planningId}/archives/${archive.id}`}
                    download
                    aria-label={`Télécharger l'archive ${schoolYearLabel(archive.schoolYear)}`}
                  >
                    Télécharger
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {recoverable.length > 0 && <RecoverYearDialog planningId={planningId} archives={recoverable} />}
      {nextYear && (
        <div className="space-y-1 text-sm">
          <p>
            Vous êtes passé à la préversion {nextYear} : vous pouvez créer dès maintenant la base de l&apos;année{" "}
            {schoolYearLabel(nextYear)}. La base en service est d&apos;abord archivée ; les Espaces s&apos;arrêtent jusqu&apos;à ce que vous
            publiiez la nouvelle base.
          </p>
          <ActionButton action={createNextYearBaseAction} input={{ planningId }}>
            Créer la base de l&apos;année suivante
          </ActionButton>
        </div>
      )}
    </section>
  );
}
