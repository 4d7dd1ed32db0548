import "server-only";
import { db } from "@/lib/db";
import { fold } from "@/lib/search-key";
import type { Product } from "@/lib/products";

export const ACCOUNTS_PAGE_SIZE = 50;

export type AccountsQuery = { search?: string; product?: Product | ""; page?: number };

/**
 * /operateur's accounts list: one page of 50, searched by UAI/RNE, establishment, the responsible's
 * name or e-mail (the folded search key) or a domain name, filtered by product, newest first. Counts
 * only: nothing of a school's people, nothing secret.
 */
export async function listAccounts(query: AccountsQuery) {
  const search = fold(query.search ?? "").slice(0, 100);
  const where = {
    ...(query.product ? { product: query.product } : {}),
    ...(search ? { OR: [{ searchKey: { contains: search } }, { domains: { some: { fqdn: { contains: search } } } }] } : {}),
  };
  const total = await db.hostingAccount.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / ACCOUNTS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(query.page ?? 1)), pageCount);
  const rows = await db.hostingAccount.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * ACCOUNTS_PAGE_SIZE,
    take: ACCOUNTS_PAGE_SIZE,
    select: {
      id: true,
      establishment: true,
      rne: true,
      product: true,
      hostingNumber: true,
      responsibleEmail: true,
      version: true,
      createdAt: true,
      licenceAcceptedAt: true,
      controller: { select: { status: true, domain: { select: { fqdn: true } } } },
    },
  });
  return { rows, total, page, pageCount };
}
