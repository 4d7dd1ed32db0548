import "server-only";
import { db } from "@/lib/db";

/** F12 "Plannings de <NOM Prénom>": where the user has a profile, those in service first. */
export async function listUserPlannings(accountId: string, userId: string) {
  const plannings = await db.planning.findMany({
    where: { accountId, assignments: { some: { userId } } },
    orderBy: { position: "asc" },
    include: {
      domain: true,
      assignments: {
        where: { profile: "ADMINISTRATION" },
        include: { user: { select: { loginId: true } } },
      },
    },
  });
  return plannings
    .map((p) => ({
      id: p.id,
      // F7: the "Nom de publication" is what users see.
      name: p.publicationName ?? p.name,
      running: p.status === "RUNNING",
      fqdn: p.domain?.fqdn ?? null,
      port: p.port,
      administrators: p.assignments.map((a) => a.user.loginId),
    }))
    .sort((a, b) => Number(b.running) - Number(a.running));
}
