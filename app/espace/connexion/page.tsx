import type { Metadata } from "next";
import { UserSignIn } from "@/components/sign-in/user-sign-in";
import { casErrorMessage } from "@/lib/server/sign-in/directory/cas-sign-in";

export const metadata: Metadata = { title: "Connexion au contrôleur" };

/**
 * F12, Fiche 7: the users' way in, at the address "Télécharger le client" gives the administrator
 * to share (and the letters carry): the controller's domain and port come filled in.
 */
export default async function UserSignInPage({
  searchParams,
}: {
  searchParams: Promise<{ controleur?: string; port?: string; suite?: string; erreur?: string }>;
}) {
  const { controleur, port, suite, erreur } = await searchParams;
  return (
    <main id="contenu" className="mx-auto max-w-md px-4 py-12">
      <h1 className="mb-6 text-2xl font-bold text-brand-dark">Connexion au contrôleur</h1>
      <div className="card">
        <UserSignIn
          defaultDomain={typeof controleur === "string" ? controleur.slice(0, 253) : ""}
          defaultPort={typeof port === "string" && /^\d{1,5}$/.test(port) ? port : undefined}
          resume={suite === "annuaire" && !erreur}
          initialError={casErrorMessage(typeof erreur === "string" ? erreur : undefined)}
        />
      </div>
    </main>
  );
}
