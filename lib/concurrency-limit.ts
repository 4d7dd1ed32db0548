/** Thrown by a gate whose waiting line is full: the caller answers "try again in a moment". */
export class QueueFullError extends Error {
  constructor() {
    super("queue full");
  }
}

/**
 * A gate that lets at most `limit` tasks run at once; the others wait their turn, first come first
 * served. A finishing task hands its place to the next, so the bound holds at every instant.
 *
 * With a `share` below 1, a place stays empty after its task for a rest in proportion to the time the
 * task took (share 0.5: as long again): tasks that follow each other back to back then keep at most
 * that share of their places' time, and what else the machine runs gets the rest. A task alone is
 * not delayed; only the next one waits.
 *
 * `maxWaiting` bounds the line of ordinary tasks: one more is refused at once (QueueFullError)
 * rather than left to wait behind everyone. A `priority` task is never refused: it runs in a place
 * of its own beyond the limit (one), else takes a resting place without waiting for its rest to
 * end, else goes before every ordinary one.
 */
export function concurrencyLimit(limit: number, share = 1, options: { maxWaiting?: number } = {}) {
  const maxWaiting = options.maxWaiting ?? Infinity;
  let taken = 0;
  const waiting: (() => void)[] = [];
  const urgent: (() => void)[] = [];
  const resting = new Set<ReturnType<typeof setTimeout>>();
  const handOn = () => {
    const next = urgent.shift() ?? waiting.shift();
    if (next) next();
    else taken--;
  };
  const rest = (ms: number) => {
    const timer = setTimeout(() => {
      resting.delete(timer);
      handOn();
    }, ms);
    resting.add(timer);
  };
  let extraTaken = false;
  const gate = async function run<T>(task: () => Promise<T>, runOptions: { priority?: boolean } = {}): Promise<T> {
    if (taken < limit) taken++;
    else if (runOptions.priority && !extraTaken) {
      // Priority tasks have one place of their own beyond the limit: never behind a running task.
      extraTaken = true;
      try {
        return await task();
      } finally {
        extraTaken = false;
      }
    } else if (runOptions.priority && resting.size > 0) {
      const [timer] = resting;
      clearTimeout(timer);
      resting.delete(timer);
    } else {
      if (!runOptions.priority && waiting.length >= maxWaiting) throw new QueueFullError();
      await new Promise<void>((resolve) => (runOptions.priority ? urgent : waiting).push(resolve));
    }
    const start = performance.now();
    try {
      return await task();
    } finally {
      const pause = share < 1 && urgent.length === 0 ? (performance.now() - start) * (1 / share - 1) : 0;
      if (pause > 0) rest(pause);
      else handOn();
    }
  };
  return gate;
}
