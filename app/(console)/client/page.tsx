import type { Metadata } from "next";
import QRCode from "qrcode";
import { requireConsolePage } from "@/lib/auth/session";
import { userSignInUrl } from "@/lib/server/app-url";
import { getConsoleOverview } from "@/lib/server/hosting-account/get-console-overview";
import { listAdministeredPlannings } from "@/lib/server/planning/administered-planning";
import { espacesAddress, productInfo } from "@/lib/products";
import { CopyButton } from "@/components/copy-button";
import { GuideSignpost } from "@/components/guide-signpost";

export const metadata: Metadata = { title: "Télécharger le client" };

/** Where "Installez le Client" leads; a provider may point it at its own download page. */
function installerUrl() {
  return process.env.CLIENT_INSTALLER_URL || "https://www.index-education.com/fr/";
}

function Parameter({ label, value, copyLabel }: { label: string; value: string | null; copyLabel: string }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1">
      <dt className="w-56 font-medium">{label}</dt>
      <dd className="flex flex-wrap items-center gap-3">
        {value ? (
          <>
            <code className="rounded bg-slate-100 px-2 py-1">{value}</code>
            <CopyButton value={value} label={copyLabel} />
          </>
        ) : (
          <span className="text-slate-600">Non renseigné (Fiche n°3)</span>
        )}
      </dd>
    </div>
  );
}

/** Fiche 7: the users' way in, as a link and as a QR code a phone reads. */
async function sharedSignIn(domain: string, port: number) {
  const url = userSignInUrl(domain, port);
  const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { url, qr: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` };
}

/** F10: the Client, its ParamClient file, and each planning's connection parameters (Fiches 7 and 9). */
export default async function ClientPage() {
  const context = await requireConsolePage("client");
  const [overview, plannings] = await Promise.all([getConsoleOverview(context.accountId), listAdministeredPlannings(context)]);
  const product = productInfo(overview.product);
  const controllerDomain = overview.controller.domain?.fqdn ?? null;
  const signInLink = controllerDomain ? await sharedSignIn(controllerDomain, overview.controller.port) : null;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold text-brand-dark">Télécharger le client</h1>

      <section id="installer-client" aria-labelledby="titre-installer" className="card space-y-3">
        <h2 id="titre-installer" className="text-lg font-semibold">
          Installer ou diffuser le client {product.displayName}
        </h2>
        <p>
          En utilisant ces commandes, vous disposerez de clients {product.displayName} dont les paramètres de connexion sont déjà renseignés
          pour se connecter à votre serveur {product.displayName} hébergé.
        </p>
        <p className="text-sm text-slate-700">Le client sera paramétré pour se connecter au contrôleur</p>
        <ol className="list-decimal space-y-2 pl-6">
          <li>
            <a className="text-brand underline" href={installerUrl()} rel="noreferrer" target="_blank">
              Installez le Client {product.displayName}
            </a>{" "}
            sur votre ordinateur : une fois sur le site Internet d&apos;Index Éducation, téléchargez le Client, puis suivez les instructions
            de l&apos;assistant d&apos;installation.
          </li>
          <li>
            {controllerDomain ? (
              <a id="param-client" className="text-brand underline" href="/api/client/param-client" download>
                Appliquez les paramètres de connexion
              </a>
            ) : (
              <span>Appliquez les paramètres de connexion</span>
            )}{" "}
            à votre contrôleur : une fois téléchargé, double-cliquez sur le fichier de paramétrage du Client (fichier intitulé ParamClient).
            {!controllerDomain && (
              <p className="field-error">
                Le contrôleur n&apos;a pas encore de nom de domaine : le responsable de l&apos;hébergement doit l&apos;associer dans le
                volet Configuration (Fiche n°3).
              </p>
            )}
          </li>
        </ol>
        <p className="rounded-md border border-sky-700 bg-sky-50 p-2 text-sm">Votre poste doit fonctionner a minima sous Windows 10.</p>
        <h3 className="font-semibold">Pour installer les clients sur d&apos;autres postes</h3>
        <p className="text-sm">
          Enregistrez chacun des fichiers sur le lecteur amovible de votre choix afin de pouvoir les diffuser aux autres utilisateurs.
        </p>
      </section>

      <section aria-labelledby="titre-controleur" className="card space-y-2">
        <h2 id="titre-controleur" className="text-lg font-semibold">
          Paramètres de connexion au contrôleur
        </h2>
        <dl>
          <Parameter label="Adresse IP ou nom de domaine" value={controllerDomain} copyLabel="Copier l'adresse du contrôleur" />
          <Parameter label="Port TCP" value={String(overview.controller.port)} copyLabel="Copier le port TCP du contrôleur" />
        </dl>
      </section>

      {signInLink && (
        <section id="diffuser-connexion" aria-labelledby="titre-diffuser" className="card space-y-3">
          <h2 id="titre-diffuser" className="text-lg font-semibold">
            Diffuser la connexion au contrôleur
          </h2>
          <GuideSignpost path="connexion-controleur" />
          <p className="text-sm">
            Donnez ce lien (ou ce QR code) aux utilisateurs du contrôleur : il ouvre la page Connexion au contrôleur de leur navigateur,
            l&apos;adresse et le port TCP déjà renseignés. Ils cliquent sur Se connecter, puis saisissent leur identifiant et leur mot de
            passe.
          </p>
          <div className="flex flex-wrap items-start gap-6">
            <dl className="min-w-0 flex-1">
              <dt className="font-medium">Lien de connexion des utilisateurs</dt>
              <dd className="mt-1 flex flex-wrap items-center gap-3">
                <a className="break-all text-brand underline" href={signInLink.url}>
                  {signInLink.url}
                </a>
                <CopyButton value={signInLink.url} label="Copier le lien de connexion des utilisateurs" />
              </dd>
            </dl>
            {/* biome-ignore lint/performance/noImgElement: an SVG data URL drawn on the server, nothing for next/image to resize */}
            <img src={signInLink.qr} alt="QR code du lien de connexion des utilisateurs" width={160} height={160} />
          </div>
        </section>
      )}

      {plannings.map((planning, index) => {
        const url = planning.netLicence
          ? (planning.publicUrl ?? espacesAddress(overview.product, planning.domain?.fqdn ?? null, overview.rne))
          : null;
        return (
          <section
            key={planning.id}
            id={index === 0 ? "parametres-serveur" : undefined}
            aria-labelledby={`titre-${planning.id}`}
            className="card space-y-2"
          >
            <h2 id={`titre-${planning.id}`} className="text-lg font-semibold">
              Paramètres de connexion au serveur [{planning.name}]
            </h2>
            <dl>
              <Parameter label="Adresse IP" value={planning.domain?.fqdn ?? null} copyLabel={`Copier l'adresse IP de ${planning.name}`} />
              <Parameter label="Port TCP" value={String(planning.port)} copyLabel={`Copier le port TCP de ${planning.name}`} />
              {planning.netLicence && (
                <Parameter label="URL publique d'accès au .net" value={url} copyLabel={`Copier l'URL publique de ${planning.name}`} />
              )}
            </dl>
          </section>
        );
      })}
    </div>
  );
}
