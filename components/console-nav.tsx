"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";

const PANELS = [
  { href: "/configuration", label: "Configuration" },
  { href: "/controleur", label: "Contrôleur" },
  { href: "/plannings", label: "Mes plannings" },
  { href: "/client", label: "Télécharger le client" },
  { href: "/communication", label: "Communication" },
  { href: "/compte", label: "Mon compte" },
];

/** The console's panels ("volets") that the signed-in role may open. */
export function ConsoleNav({ panels }: { panels: string[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Volets de la console" className="flex flex-wrap items-center gap-1">
      {PANELS.filter((panel) => panels.includes(panel.href)).map((panel) => {
        const current = pathname.startsWith(panel.href);
        return (
          <Link
            key={panel.href}
            href={panel.href}
            aria-current={current ? "page" : undefined}
            className={`rounded-md px-3 py-2 text-sm font-semibold ${
              current ? "bg-white text-brand-dark" : "text-white hover:bg-brand-dark"
            }`}
          >
            {panel.label}
          </Link>
        );
      })}
      <button
        type="button"
        onClick={() => signOut({ callbackUrl: "/connexion" })}
        className="ml-2 rounded-md px-3 py-2 text-sm font-semibold text-white underline hover:bg-brand-dark"
      >
        Déconnexion
      </button>
    </nav>
  );
}
