import "server-only";
import { concurrencyLimit, QueueFullError } from "@/lib/concurrency-limit";
import { AppError } from "@/lib/server/errors";

/**
 * The national files an instance reads at once (SIECLE, STSWEB): each holds its upload and its
 * unzipped XML (48 MB at most) while it is read, so that many at once would take the heap of every
 * account's pages. Two are read at a time (IMPORTS_AT_ONCE); the others wait their turn holding
 * only their upload (5 MB at most, already read by then), 32 at most — one more is told to come back.
 */
export const IMPORTS_WAITING = 32;
const gate = concurrencyLimit(Math.max(1, Number(process.env.IMPORTS_AT_ONCE) || 2), 1, { maxWaiting: IMPORTS_WAITING });

export const IMPORTS_BUSY = "Trop d'imports de fichiers sont en cours sur le serveur : rien n'a été importé. Réessayez dans un instant.";

export async function oneImportAtATime<T>(task: () => Promise<T>): Promise<T> {
  try {
    return await gate(task);
  } catch (error) {
    if (error instanceof QueueFullError) throw new AppError("BUSY", IMPORTS_BUSY, "file");
    throw error;
  }
}
