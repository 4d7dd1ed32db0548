/** The console's public address, as written in e-mails and letters. */
export function consoleUrl(): string {
  return (process.env.NEXTAUTH_URL || process.env.APP_URL || "http://localhost:3000").replace(/\/$/, "");
}
