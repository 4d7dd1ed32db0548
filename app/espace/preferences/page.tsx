import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getUserContext } from "@/lib/auth/session";
import { getSecurityPreferences } from "@/lib/server/user/preferences";
import { RevokeDeviceButton, SecurityMeasureForm } from "@/components/preferences/security-preferences";
import { SecondFactorSection } from "@/components/second-factor/second-factor-section";
import { userOwner } from "@/lib/server/sign-in/second-factor/owner";

export const metadata: Metadata = { title: "Sécurisation de mon compte" };

const date = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });

/** "Mes préférences > Sécurité > Sécurisation de mon compte". */
export default async function SecurityPreferencesPage() {
  const user = await getUserContext();
  if (!user) redirect("/connexion");
  const prefs = await getSecurityPreferences(user);
  return (
    <main id="contenu" className="mx-auto max-w-3xl space-y-6 px-4 py-10">
      <nav aria-label="Fil d'Ariane" className="text-sm">
        <Link href="/espace" className="underline">
          Plannings de {user.displayName}
        </Link>{" "}
        › Mes préférences › Sécurité
      </nav>
      <h1 className="text-2xl font-bold text-brand-dark">Sécurisation de mon compte</h1>
      <section className="card" aria-labelledby="titre-mesure">
        <h2 id="titre-mesure" className="mb-2 font-semibold">
          Mesure de sécurité supplémentaire
        </h2>
        <SecurityMeasureForm current={prefs.measure} allowed={prefs.allowedMeasures} pinMinLength={prefs.pinMinLength} />
      </section>
      <SecondFactorSection owner={userOwner({ id: user.userId, accountId: user.accountId, loginId: user.loginId })} />
      <section className="card" aria-labelledby="titre-appareils">
        <h2 id="titre-appareils" className="mb-2 font-semibold">
          Mes appareils &quot;reconnus&quot;
        </h2>
        {prefs.devices.length === 0 ? (
          <p className="text-sm">Aucun appareil enregistré.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-1">
                  Nom
                </th>
                <th scope="col">Enregistré le</th>
                <th scope="col">Dernière connexion</th>
                <th scope="col">
                  <span className="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {prefs.devices.map((d) => (
                <tr key={d.id} className="border-b border-slate-200">
                  <td className="py-2">{d.name}</td>
                  <td>{date.format(d.createdAt)}</td>
                  <td>{date.format(d.lastUsedAt)}</td>
                  <td className="text-right">
                    <RevokeDeviceButton deviceId={d.id} name={d.name} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
