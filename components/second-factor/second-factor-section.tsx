import "server-only";
import { SecondFactorSettings } from "@/components/second-factor/second-factor-settings";
import { secondFactorsOf } from "@/lib/server/sign-in/second-factor/manage-factors";
import type { FactorOwner } from "@/lib/server/sign-in/second-factor/owner";

const date = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });

/** "Double authentification", on Mes préférences (a controller user) and Mon compte (the hosting responsible). */
export async function SecondFactorSection({ owner }: { owner: FactorOwner }) {
  const { factors, codesLeft, required } = await secondFactorsOf(owner);
  return (
    <section className="card" aria-labelledby="titre-double-authentification" id="double-authentification">
      <h2 id="titre-double-authentification" className="mb-2 text-lg font-semibold">
        Double authentification
      </h2>
      <SecondFactorSettings
        factors={factors.map((f) => ({
          id: f.id,
          kind: f.kind,
          name: f.name,
          confirmedAt: date.format(f.confirmedAt!),
          lastUsedAt: f.lastUsedAt ? date.format(f.lastUsedAt) : null,
        }))}
        codesLeft={codesLeft}
        required={required}
      />
    </section>
  );
}
