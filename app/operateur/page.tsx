import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { OperatorBar } from "@/components/operator/operator-bar";
import { requireOperatorPage } from "@/lib/auth/operator";
import { listAccounts } from "@/lib/server/operator/list-accounts";
import { PRODUCTS, productInfo, type Product } from "@/lib/products";

export const metadata: Metadata = { title: "Espace de l'hébergeur — Comptes d'hébergement" };

const date = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeZone: "Europe/Paris" });

/** /operateur: the provider's accounts, searched and filtered on the server, fifty to a page. */
export default async function OperatorHomePage({
  searchParams,
}: {
  searchParams: Promise<{ recherche?: string; produit?: string; page?: string }>;
}) {
  const operator = await requireOperatorPage("accounts.read");
  const { recherche, produit, page } = await searchParams;
  const product = (PRODUCTS as readonly string[]).includes(produit ?? "") ? (produit as Product) : "";
  const search = typeof recherche === "string" ? recherche.slice(0, 100) : "";
  const list = await listAccounts({ search, product, page: Number(page) || 1 });
  return (
    <main id="contenu" className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold text-brand-dark">Comptes d&apos;hébergement</h1>
        <OperatorBar operator={operator} />
      </header>
      <form
        method="get"
        action="/operateur"
        className="card flex flex-wrap items-end gap-3"
        role="search"
        aria-label="Rechercher un compte"
      >
        <div className="flex flex-col gap-1">
          <label htmlFor="recherche" className="label">
            UAI/RNE, établissement, responsable, e-mail ou nom de domaine
          </label>
          <input id="recherche" name="recherche" className="input w-96" defaultValue={search} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="produit" className="label">
            Produit
          </label>
          <select id="produit" name="produit" className="input" defaultValue={product}>
            <option value="">Tous</option>
            {PRODUCTS.map((p) => (
              <option key={p} value={p}>
                {productInfo(p).displayName}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-primary">
          Rechercher
        </button>
      </form>
      <p role="status" className="text-sm">
        {list.total} compte{list.total > 1 ? "s" : ""}
      </p>
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-1">
              Établissement
            </th>
            <th scope="col">UAI/RNE</th>
            <th scope="col">Produit</th>
            <th scope="col">N° d&apos;hébergement</th>
            <th scope="col">Contrôleur</th>
            <th scope="col">Contrat de licence</th>
            <th scope="col">Ouvert le</th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((a) => (
            <tr key={a.id} className="border-b border-slate-200">
              <td className="py-1">
                <Link href={`/operateur/comptes/${a.id}`} className="underline">
                  {a.establishment}
                </Link>
              </td>
              <td>{a.rne ?? "—"}</td>
              <td>{productInfo(a.product as Product).displayName}</td>
              <td>{a.hostingNumber}</td>
              <td>{a.controller?.domain?.fqdn ?? "—"}</td>
              <td>{a.licenceAcceptedAt ? `accepté le ${date.format(a.licenceAcceptedAt)}` : "non accepté"}</td>
              <td>{date.format(a.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination label="Pages des comptes" page={list.page} pageCount={list.pageCount} />
    </main>
  );
}
