import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getConsoleContext, getUserContext } from "@/lib/auth/session";
import { listUserPlannings } from "@/lib/server/user/list-user-plannings";
import { SignOutButton } from "@/components/account/account-actions";

export const metadata: Metadata = { title: "Mes plannings" };

/** F12: the plannings the user may connect to; administrators with console access go on to the console. */
export default async function UserHome() {
  const user = await getUserContext();
  if (!user) redirect("/connexion");
  const plannings = await listUserPlannings(user.accountId, user.userId);
  const console_ = (await getConsoleContext()) !== null;
  return (
    <main id="contenu" className="mx-auto max-w-3xl space-y-6 px-4 py-10">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold text-brand-dark">Plannings de {user.displayName}</h1>
        <div className="flex gap-2">
          <Link href="/espace/preferences" className="btn-secondary">
            Mes préférences
          </Link>
          {console_ && (
            <Link href="/" className="btn-primary">
              Accéder à la console
            </Link>
          )}
          <SignOutButton />
        </div>
      </div>
      <section className="card" aria-labelledby="titre-plannings">
        <h2 id="titre-plannings" className="mb-2 font-semibold">
          Connectez-vous au serveur de votre choix
        </h2>
        {plannings.length === 0 ? (
          <p className="text-sm">Vous n&apos;êtes affecté à aucun planning : demandez-le à votre administrateur.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-1">Nom</th>
                <th scope="col">Administrateur</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {plannings.map((p) => (
                <tr key={p.id} className="border-b border-slate-200">
                  <td className="py-2 font-medium">{p.name}</td>
                  <td>{p.administrators.join(", ")}</td>
                  <td>{p.running ? `En service — ${p.fqdn} : ${p.port}` : "Arrêté"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
