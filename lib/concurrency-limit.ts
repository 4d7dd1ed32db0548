/**
 * A gate that lets at most `limit` tasks run at once; the others wait their turn, first come first
 * served. A finishing task hands its place to the next, so the bound holds at every instant.
 *
 * With a `share` below 1, a place stays empty after its task for a rest in proportion to the time the
 * task took (share 0.5: as long again): tasks that follow each other back to back then keep at most
 * that share of their places' time, and what else the machine runs gets the rest. A task alone is
 * not delayed; only the next one waits.
 */
export function concurrencyLimit(limit: number, share = 1) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const handOn = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    const start = performance.now();
    try {
      return await task();
    } finally {
      const rest = share < 1 ? (performance.now() - start) * (1 / share - 1) : 0;
      if (rest > 0) setTimeout(handOn, rest);
      else handOn();
    }
  };
}
