import type { Metadata } from "next";
import { OperatorSignIn } from "@/components/operator/operator-sign-in";

export const metadata: Metadata = { title: "Espace de l'hébergeur — Connexion" };
// Rendered per request: a page built ahead would carry no script nonce, and the policy would refuse its scripts.
export const dynamic = "force-dynamic";

/**
 * The provider's own way in: its operators' e-mail, password and second factor; never a school's
 * session. No redirection when signed in: the session's cookie arrives with the first sign-in's
 * recovery codes, which this page must still show.
 */
export default function OperatorSignInPage() {
  return (
    <main id="contenu" className="mx-auto max-w-md px-4 py-12">
      <h1 className="mb-6 text-2xl font-bold text-brand-dark">Espace de l&apos;hébergeur</h1>
      <div className="card">
        <OperatorSignIn />
      </div>
    </main>
  );
}
