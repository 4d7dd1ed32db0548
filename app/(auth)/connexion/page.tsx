import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInChoice } from "@/components/sign-in/sign-in-choice";
import { getConsoleContext } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Connexion" };

export default async function SignInPage() {
  if (await getConsoleContext()) redirect("/configuration");
  return (
    <main id="contenu" className="mx-auto max-w-md px-4 py-12">
      <h1 className="mb-6 text-2xl font-bold text-brand-dark">Accès à votre console d&apos;hébergement</h1>
      <div className="card">
        <SignInChoice />
      </div>
      <p className="mt-4 text-xs text-slate-600">
        Le mot de passe d&apos;accès à la console n&apos;est pas modifiable. Nous vous recommandons de bien le conserver, sinon une
        réinitialisation sera nécessaire via le service commercial ou le SAV.
      </p>
    </main>
  );
}
