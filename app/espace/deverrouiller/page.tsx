import type { Metadata } from "next";
import { UnlockPinForm } from "@/components/sign-in/unlock-pin-form";

export const metadata: Metadata = { title: "Déblocage de la connexion par code PIN" };

export default async function UnlockPinPage({ searchParams }: { searchParams: Promise<{ controleur?: string }> }) {
  const { controleur } = await searchParams;
  return (
    <main id="contenu" className="mx-auto max-w-md px-4 py-12">
      <h1 className="mb-6 text-2xl font-bold text-brand-dark">Déblocage de la connexion par code PIN</h1>
      <div className="card">
        <UnlockPinForm defaultDomain={controleur?.slice(0, 253) ?? ""} />
      </div>
    </main>
  );
}
