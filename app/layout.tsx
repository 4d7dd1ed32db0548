import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Console d'hébergement", template: "%s — Console d'hébergement" },
  description: "Déploiement en mode hébergé : console du responsable de l'hébergement.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="fr">
      <body className="min-h-screen">
        <a
          href="#contenu"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Aller au contenu
        </a>
        {children}
      </body>
    </html>
  );
}
