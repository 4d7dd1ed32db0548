import "server-only";
import { db } from "@/lib/db";
import { espacesAddress } from "@/lib/products";

/**
 * F12 "Plannings de <NOM Prénom>": where the user has a profile. "Tous les plannings mis en service
 * sont listés" (Fiche 7): those stopped are only named, to say why they are missing.
 */
export async function listUserPlannings(accountId: string, userId: string) {
  const plannings = await db.planning.findMany({
    where: { accountId, assignments: { some: { userId } } },
    orderBy: { position: "asc" },
    include: {
      domain: true,
      account: { select: { product: true, rne: true } },
      assignments: {
        where: { profile: "ADMINISTRATION" },
        include: { user: { select: { loginId: true } } },
      },
    },
  });
  const all = plannings.map((p) => ({
    id: p.id,
    // F7: the "Nom de publication" is what users see.
    name: p.publicationName ?? p.name,
    running: p.status === "RUNNING",
    fqdn: p.domain?.fqdn ?? null,
    port: p.port,
    espaces:
      p.publication === "PUBLISHED" ? (p.publicUrl ?? espacesAddress(p.account.product, p.domain?.fqdn ?? null, p.account.rne)) : null,
    administrators: p.assignments.map((a) => a.user.loginId),
  }));
  return { running: all.filter((p) => p.running), stopped: all.filter((p) => !p.running).map((p) => p.name) };
}
