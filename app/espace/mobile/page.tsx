import type { Metadata } from "next";
import { EspaceSignIn } from "@/components/sign-in/espace-sign-in";
import { entErrorMessage, espaceHasEnt } from "@/lib/server/sign-in/espace/ent-sign-in";

export const metadata: Metadata = { title: "Connexion à l'Espace" };

/** F16/F17 the first connection of the people of the Espaces, by their letter or its QR code. */
export default async function EspaceSignInPage({
  searchParams,
}: {
  searchParams: Promise<{ adresse?: string; suite?: string; erreur?: string }>;
}) {
  const { adresse, suite, erreur } = await searchParams;
  const address = typeof adresse === "string" ? adresse.slice(0, 300) : "";
  return (
    <main id="contenu" className="mx-auto max-w-md px-4 py-12">
      <h1 className="mb-6 text-2xl font-bold text-brand-dark">Connexion à l&apos;Espace</h1>
      <div className="card">
        <EspaceSignIn
          defaultUrl={address}
          ent={await espaceHasEnt(address)}
          resume={suite === "ent" && !erreur}
          initialError={entErrorMessage(typeof erreur === "string" ? erreur : undefined)}
        />
      </div>
    </main>
  );
}
