import type { ConsoleRole } from "@/lib/server/permissions";

/**
 * Who acts, in which hosting account, from where: built once per request by the action client
 * (`getConsoleContext`), `withRoute` or a public sign-in step, and passed as is to every domain
 * function, which scopes its queries to `accountId` and writes `actor` and `ip` in the journal.
 */
export type Actor = { accountId: string; actor: string; ip: string };

/** An actor signed in to the console: his role, and the controller user behind it if any. */
export type ConsoleActor = Actor & { role: ConsoleRole; userId: string | null };

/**
 * Who calls a public sign-in step, before anyone is known: his address and browser, the cookies he
 * holds, and a way to leave one. Built by the action client's `publicAction`.
 */
export type Caller = {
  ip: string;
  userAgent: string;
  cookie: (name: string) => string | undefined;
  setCookie: (name: string, value: string, maxAgeS: number) => void;
};

/** The journal's name for what the console does by itself: the July archive, the end-of-August change. */
export const SCHEDULED_TASK = "Console (tâche planifiée)";

/** The actor of a scheduled step in one account: no person, no address. */
export function scheduledTask(accountId: string): Actor {
  return { accountId, actor: SCHEDULED_TASK, ip: "" };
}
