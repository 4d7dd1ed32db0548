import "server-only";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/server/errors";

/**
 * Limited tries, reserved before they are checked. A try first takes its place on every counter it
 * answers to with one compare-and-set in the database (the row's `version`), and only then is the
 * password, PIN or code verified: fifty tries sent at once are judged as fifty tries in a row,
 * whichever instance receives them. A right answer gives its place back; a wrong one keeps it.
 *
 * The policy (README, "Tentatives limitées"), after NIST 800-63B §5.2.2 and Keycloak's brute-force
 * detection: a counter per account slows, never shuts, and tries made from the owner's recognised
 * device or certificate count on that device's own counter, so nobody else can lock him out; the
 * per-address counter only counts tries without such a proof, and is generous, since a school's
 * pupils sign in from behind one address.
 */
export type Limit = {
  /** Mistakes that cost nothing. */
  free: number;
  /** The longest wait: every mistake past the free ones doubles it, from one second. */
  maxDelayMs: number;
  /** On a right answer: the counter starts again (an account), or gives back this try's place only (an address). */
  onSuccess: "reset" | "refund";
};

/** Five mistakes are free; then every new try waits twice as long as the last, up to 15 minutes. */
export const FREE_FAILURES = 5;
export const MAX_DELAY_MS = 15 * 60 * 1000;
export const ACCOUNT_LIMIT: Limit = { free: FREE_FAILURES, maxDelayMs: MAX_DELAY_MS, onSuccess: "reset" };
/** Anonymous tries of one address: a hundred mistakes an hour are free, then a minute at most between tries. */
export const ADDRESS_LIMIT: Limit = { free: 100, maxDelayMs: 60_000, onSuccess: "refund" };
/** A counter left alone this long starts again from zero. */
export const FORGET_AFTER_MS = 60 * 60 * 1000;

export type Counter = { key: string; limit: Limit };

export const accountCounter = (key: string): Counter => ({ key, limit: ACCOUNT_LIMIT });
export const addressCounter = (ip: string): Counter => ({ key: `ip:${ip}`, limit: ADDRESS_LIMIT });

/**
 * The anonymous returns of a delegated sign-in (a CAS ticket, a SAML response) from one address:
 * each refused one costs the console a row and a call to the school's server, so thirty are free,
 * then a minute at most between tries; a sign-in that succeeds gives its place back.
 */
export const returnCounter = (ip: string): Counter => ({
  key: `return:${ip}`,
  limit: { free: 30, maxDelayMs: 60_000, onSuccess: "refund" },
});
/**
 * The SAML starts from one address (each writes its request, kept ten minutes): a thousand not
 * followed by a sign-in are free, then a minute at most between them. A start is given back when
 * its browser comes back signed in, so that a school behind one address is not held back.
 */
export const startCounter = (ip: string): Counter => ({
  key: `start:${ip}`,
  limit: { free: 1000, maxDelayMs: 60_000, onSuccess: "refund" },
});

export function delayAfterFailures(failures: number, limit: Pick<Limit, "free" | "maxDelayMs"> = ACCOUNT_LIMIT): number {
  if (failures < limit.free) return 0;
  return Math.min(limit.maxDelayMs, 1000 * 2 ** Math.min(30, failures - limit.free));
}

export function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} seconde${seconds > 1 ? "s" : ""}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes > 1 ? "s" : ""}`;
}

function throttled(waitMs: number) {
  return new AppError("THROTTLED", `Trop de tentatives de connexion. Réessayez dans ${formatWait(waitMs)}.`);
}

/** Compare-and-set rounds before giving up: each lost round means another try took its place meanwhile. */
const MAX_ROUNDS = 200;

type Row = { failures: number; blockedTil: Date | null; version: number; updatedAt: Date };

const asDate = (value: unknown): Date | null =>
  value === null || value === undefined
    ? null
    : value instanceof Date
      ? value
      : new Date(typeof value === "bigint" ? Number(value) : (value as string | number));

/**
 * A counter as it stands. A raw statement: every anonymous try reads its counters before anything
 * else, and Prisma's compilation of a query costs about five times a raw one's CPU on the event loop
 * that a legitimate sign-in shares with them (20 anonymous tries: 183 → 143 ms for the legitimate one).
 */
async function readCounter(key: string): Promise<Row | null> {
  const rows = await db.$queryRaw<{ failures: number | bigint; blockedTil: unknown; version: number | bigint; updatedAt: unknown }[]>`
    SELECT "failures", "blockedTil", "version", "updatedAt" FROM "SignInThrottle" WHERE "key" = ${key}`;
  const row = rows[0];
  if (!row) return null;
  return {
    failures: Number(row.failures),
    blockedTil: asDate(row.blockedTil),
    version: Number(row.version),
    updatedAt: asDate(row.updatedAt)!,
  };
}

/**
 * Moves one counter from what it holds to `next(row)` (null: nothing to do) if no one wrote it
 * meanwhile; tries again otherwise. Returns what `next` decided, or the refusal it threw.
 */
async function swap<T>(
  key: string,
  next: (row: Row | null) => { failures: number; blockedTil: Date | null; result: T } | { refuse: T },
): Promise<T> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const row = await readCounter(key);
    const decided = next(row);
    if ("refuse" in decided) return decided.refuse;
    const data = { failures: decided.failures, blockedTil: decided.blockedTil };
    if (!row) {
      try {
        await db.signInThrottle.create({ data: { key, ...data } });
        return decided.result;
      } catch (error) {
        if (isUniqueViolation(error)) continue;
        throw error;
      }
    }
    const { count } = await db.signInThrottle.updateMany({
      where: { key, version: row.version },
      data: { ...data, version: { increment: 1 } },
    });
    if (count === 1) return decided.result;
  }
  throw new AppError("BUSY", "Trop de tentatives en cours, réessayez dans un instant.");
}

/** Takes one place on a counter: 0 when taken, else how long the try must wait. */
async function takePlace(counter: Counter, now: Date): Promise<number> {
  return swap<number>(counter.key, (row) => {
    const stale = !row || now.getTime() - row.updatedAt.getTime() > FORGET_AFTER_MS;
    if (!stale && row!.blockedTil && row!.blockedTil > now) return { refuse: row!.blockedTil.getTime() - now.getTime() };
    const failures = (stale ? 0 : row!.failures) + 1;
    const delay = delayAfterFailures(failures, counter.limit);
    return { failures, blockedTil: delay ? new Date(now.getTime() + delay) : null, result: 0 };
  });
}

async function givePlaceBack(counter: Counter, now: Date): Promise<void> {
  if (counter.limit.onSuccess === "reset") {
    await db.signInThrottle.deleteMany({ where: { key: counter.key } });
    return;
  }
  await swap(counter.key, (row) => {
    if (!row || row.failures === 0) return { refuse: undefined };
    const failures = row.failures - 1;
    const delay = delayAfterFailures(failures, counter.limit);
    const blockedTil = delay && row.blockedTil ? new Date(Math.min(row.blockedTil.getTime(), now.getTime() + delay)) : null;
    return { failures, blockedTil, result: undefined };
  });
}

export type Reservation = {
  /** The right answer: every counter gives this try's place back (an account's starts again). */
  succeeded(): Promise<void>;
  /** The try was never judged (argon2's line was full): its places are given back. */
  cancelled(): Promise<void>;
};

/** Nothing was judged: the server too busy, or the directory that judges out of reach (the try is given back). */
export const notJudged = (error: unknown) =>
  error instanceof AppError && (error.code === "BUSY" || error.code === "DIRECTORY_DOWN" || error.code === "DIRECTORY_CERTIFICATE");

/**
 * Reserves one try on every counter, before anything is checked; throws "Réessayez dans …" (having
 * taken nothing) when one of them is waiting. A wrong answer needs nothing more: its place is spent.
 */
export async function reserveTry(counters: Counter[], now = new Date()): Promise<Reservation> {
  const taken: Counter[] = [];
  for (const counter of counters) {
    const waitMs = await takePlace(counter, now);
    if (waitMs > 0) {
      for (const back of taken) await refundOne(back, now);
      throw throttled(waitMs);
    }
    taken.push(counter);
  }
  return {
    async succeeded() {
      for (const counter of taken) await givePlaceBack(counter, new Date());
    },
    async cancelled() {
      for (const counter of taken) await refundOne(counter, new Date());
    },
  };
}

/** Gives back one place a try took earlier, in another request (a sign-in's start, once it came back signed in). */
export async function givePlaceBackLater(counter: Counter) {
  await refundOne(counter, new Date());
}

/** A refused try gives back what it took on the counters before the one that refused it. */
async function refundOne(counter: Counter, now: Date) {
  await givePlaceBack({ ...counter, limit: { ...counter.limit, onSuccess: "refund" } }, now);
}

/**
 * "Once a minute at most": one conditional write takes the window, so of simultaneous requests one
 * goes through. Returns the wait left when the window is taken.
 */
export async function takeWindow(key: string, windowMs: number, now = new Date()): Promise<number> {
  return swap<number>(key, (row) => {
    if (row?.blockedTil && row.blockedTil > now) return { refuse: row.blockedTil.getTime() - now.getTime() };
    return { failures: 0, blockedTil: new Date(now.getTime() + windowMs), result: 0 };
  });
}

/** Gives a window back (the e-mail could not leave): the next request may try again at once. */
export async function releaseWindow(key: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key } });
}

/**
 * A hard limit on a counter column (ten PINs, ten letter tokens, five e-mailed codes): takes the
 * next place with compare-and-set, and returns its number (1…limit), or null when none is left.
 * `read` gives the column's value (null: the counter is closed, e.g. locked), `set` writes
 * `from + 1` only where the column still holds `from`, and answers how many rows it changed.
 */
export async function takeNumberedPlace(
  limit: number,
  read: () => Promise<number | null>,
  set: (from: number) => Promise<number>,
): Promise<number | null> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const from = await read();
    if (from === null || from >= limit) return null;
    if ((await set(from)) === 1) return from + 1;
  }
  throw new AppError("BUSY", "Trop de tentatives en cours, réessayez dans un instant.");
}
