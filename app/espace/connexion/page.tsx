import type { Metadata } from "next";
import { UserSignIn } from "@/components/sign-in/user-sign-in";

export const metadata: Metadata = { title: "Connexion au contrôleur" };

/** F12 for a user who was given the controller's address (letters, the Client's parameters). */
export default async function UserSignInPage({ searchParams }: { searchParams: Promise<{ controleur?: string }> }) {
  const { controleur } = await searchParams;
  return (
    <main id="contenu" className="mx-auto max-w-md px-4 py-12">
      <h1 className="mb-6 text-2xl font-bold text-brand-dark">Connexion au contrôleur</h1>
      <div className="card">
        <UserSignIn defaultDomain={controleur?.slice(0, 253) ?? ""} />
      </div>
    </main>
  );
}
