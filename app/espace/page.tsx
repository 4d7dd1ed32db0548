import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getConsoleContext, getUserContext } from "@/lib/auth/session";
import { listUserPlannings } from "@/lib/server/user/list-user-plannings";
import { SignOutButton } from "@/components/account/account-actions";
import { PlanningChooser } from "@/components/planning-chooser";

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
        {plannings.running.length === 0 && plannings.stopped.length === 0 && (
          <p className="text-sm">Vous n&apos;êtes affecté à aucun planning : demandez-le à votre administrateur.</p>
        )}
        {plannings.running.length > 0 && <PlanningChooser plannings={plannings.running} />}
        {plannings.stopped.length > 0 && (
          <p className="mt-2 text-sm text-slate-700">
            Arrêté{plannings.stopped.length > 1 ? "s" : ""}, donc non listé{plannings.stopped.length > 1 ? "s" : ""} :{" "}
            {plannings.stopped.join(", ")} — {plannings.stopped.length > 1 ? "ils seront listés" : "il sera listé"} dès{" "}
            {plannings.stopped.length > 1 ? "leur" : "sa"} mise en service.
          </p>
        )}
      </section>
    </main>
  );
}
