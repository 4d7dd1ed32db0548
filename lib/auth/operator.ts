import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientIp } from "@/lib/server/request-ip";
import { OPERATOR_COOKIE, operatorOfSession, type OperatorSession } from "@/lib/server/sign-in/operator/operator-sessions";
import { operatorCan, type OperatorPermission } from "@/lib/server/operator/permissions";

export type OperatorContext = OperatorSession & { ip: string; actor: string };

/** The operator signed in at /operateur, checked against the database; a school's session is never one. */
export const getOperatorContext = cache(async (): Promise<OperatorContext | null> => {
  const [jar, h] = await Promise.all([cookies(), headers()]);
  const session = await operatorOfSession(jar.get(OPERATOR_COOKIE)?.value);
  if (!session) return null;
  return { ...session, actor: `opérateur ${session.email}`, ip: clientIp((name) => h.get(name)) };
});

/** For /operateur's pages: to its sign-in page, or to its home when the role may not see the page. */
export async function requireOperatorPage(permission: OperatorPermission): Promise<OperatorContext> {
  const context = await getOperatorContext();
  if (!context) redirect("/operateur/connexion");
  if (!operatorCan(context.role, permission)) redirect("/operateur");
  return context;
}
