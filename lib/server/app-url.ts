/** The console's public address, as written in e-mails and letters. */
export function consoleUrl(): string {
  return (process.env.NEXTAUTH_URL || process.env.APP_URL || "http://localhost:3000").replace(/\/$/, "");
}

/**
 * Fiche 7: the users' way in with the controller's coordinates filled in, the link "Télécharger le
 * client" gives the administrator to share and the letters carry.
 */
export function userSignInUrl(domain: string | null | undefined, port?: number): string {
  const query = new URLSearchParams({ controleur: domain ?? "", ...(port ? { port: String(port) } : {}) });
  return `${consoleUrl()}/espace/connexion?${query}`;
}
