import Link from "next/link";

/** A panel's tabs ("onglets"): links, the current one marked for screen readers. */
export function TabNav({ label, tabs }: { label: string; tabs: { href: string; label: string; current: boolean }[] }) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1 border-b border-slate-300">
      {tabs.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.current ? "page" : undefined}
          className={`rounded-t-md px-3 py-2 text-sm font-semibold ${t.current ? "bg-brand text-white" : "text-brand-dark hover:bg-slate-100"}`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
