import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LicenceForm } from "@/components/sign-in/licence-form";
import { getConsoleContext } from "@/lib/auth/session";
import { LICENCE_ARTICLES, LICENCE_TITLE, LICENCE_VERSION } from "@/lib/licence";

export const metadata: Metadata = { title: LICENCE_TITLE };

export default async function LicencePage() {
  const context = await getConsoleContext();
  if (!context) redirect("/connexion");
  if (context.licenceAccepted) redirect("/configuration");
  return (
    <main id="contenu" className="mx-auto max-w-2xl px-4 py-12">
      <h1 className="mb-2 text-2xl font-bold text-brand-dark">{LICENCE_TITLE}</h1>
      <p className="mb-4 text-sm text-slate-600">Version {LICENCE_VERSION}</p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolled text must take the focus to scroll by keyboard (axe's scrollable-region-focusable) */}
      <section className="card mb-6 max-h-96 space-y-3 overflow-y-auto" tabIndex={0} aria-label="Texte du Contrat de licence">
        {LICENCE_ARTICLES.map((article) => (
          <section key={article.title}>
            <h2 className="font-semibold">{article.title}</h2>
            <p className="text-sm">{article.text}</p>
          </section>
        ))}
      </section>
      <LicenceForm />
    </main>
  );
}
