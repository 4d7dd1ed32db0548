/**
 * Runs once when a server instance starts: background work (letter e-mails, maintenance) is taken by
 * every live instance, so a batch goes on without any page open and after a restart.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startBackgroundWork } = await import("@/lib/server/jobs/background-work");
  await startBackgroundWork();
}
