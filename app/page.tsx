import { redirect } from "next/navigation";
import { getConsoleContext, getUserContext, PANEL_PATHS, panelsFor } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** Each role lands where it works: its first console panel, or the user's plannings. */
export default async function Home() {
  const context = await getConsoleContext();
  if (context) redirect(PANEL_PATHS[panelsFor(context.role)[0]]);
  if (await getUserContext()) redirect("/espace");
  redirect("/connexion");
}
