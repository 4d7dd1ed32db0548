"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";

/** "Page précédente — Page 2 sur 100 — Page suivante", the page number kept in the address (`param`). */
export function Pagination({ label, page, pageCount, param = "page" }: { label: string; page: number; pageCount: number; param?: string }) {
  const pathname = usePathname();
  const params = useSearchParams();
  if (pageCount <= 1) return null;
  const href = (to: number) => {
    const next = new URLSearchParams(params.toString());
    next.set(param, String(to));
    return `${pathname}?${next.toString()}`;
  };
  return (
    <nav aria-label={label} className="flex items-center gap-3 text-sm">
      {page > 1 && (
        <Link className="underline" href={href(page - 1)}>
          Page précédente
        </Link>
      )}
      <span aria-current="page">
        Page {page} sur {pageCount}
      </span>
      {page < pageCount && (
        <Link className="underline" href={href(page + 1)}>
          Page suivante
        </Link>
      )}
    </nav>
  );
}
