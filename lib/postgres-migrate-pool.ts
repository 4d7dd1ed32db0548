import pg from "pg";

// Prisma 6.19's PostgreSQL adapter cannot read the catalog's own column types ("name", "char") that
// the JavaScript schema engine meets while migrating (prisma/orm#27403, fixed in Prisma 7): with the
// text protocol their values are plain strings already, so they are announced as text and text[].
const AS_TEXT: Record<number, number> = { 18: 25, 19: 25, 1002: 1009, 1003: 1009 };

function retype<R>(result: R): R {
  for (const field of (result as { fields?: { dataTypeID: number }[] })?.fields ?? []) {
    field.dataTypeID = AS_TEXT[field.dataTypeID] ?? field.dataTypeID;
  }
  return result;
}

function wrapQuery<T extends { query: (...args: never[]) => unknown }>(target: T): T {
  const query = target.query.bind(target) as (...args: unknown[]) => unknown;
  (target as { query: unknown }).query = (...args: unknown[]) => {
    const result = query(...args);
    return result instanceof Promise ? result.then(retype) : result;
  };
  return target;
}

/** The connection pool Prisma's migrations run on (prisma.config.ts), not the console's. */
export function migrationPool(connectionString: string): pg.Pool {
  const pool = wrapQuery(new pg.Pool({ connectionString }));
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  (pool as { connect: unknown }).connect = async () => wrapQuery(await connect());
  return pool;
}
