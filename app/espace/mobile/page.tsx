import type { Metadata } from "next";
import { EspaceSignIn } from "@/components/sign-in/espace-sign-in";

export const metadata: Metadata = { title: "Connexion à l'Espace" };

/** F16/F17 the first connection of the people of the Espaces, by their letter or its QR code. */
export default async function EspaceSignInPage({ searchParams }: { searchParams: Promise<{ adresse?: string }> }) {
  const { adresse } = await searchParams;
  return (
    <main id="contenu" className="mx-auto max-w-md px-4 py-12">
      <h1 className="mb-6 text-2xl font-bold text-brand-dark">Connexion à l&apos;Espace</h1>
      <div className="card">
        <EspaceSignIn defaultUrl={adresse?.slice(0, 300) ?? ""} />
      </div>
    </main>
  );
}
