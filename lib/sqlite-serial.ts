import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";

/**
 * Prisma's better-sqlite3 adapter shares its one connection between transactions and the statements
 * sent outside them, and only transactions wait for each other: a statement of another request sent
 * while a transaction is open runs inside it, and is lost if that transaction rolls back (seen: a
 * job row written while 49 other "Envoyer l'e-mail" transactions failed their unique check
 * vanished). Here every statement outside a transaction waits until none is open, in order.
 *
 * Transactions begin IMMEDIATE (the adapter sends a plain BEGIN): another process writing the same
 * file (the operator's command, a second instance) made a transaction that read, then wrote after
 * the other's commit, fail at once with "database is locked" whatever the busy timeout — seen when
 * e2e accounts were seeded beside the running console. Taking the write lock first, it waits.
 */
export function serializedSqlite(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    beginImmediate(adapter);
    let tail: Promise<void> = Promise.resolve();
    const lock = async () => {
      let release!: () => void;
      const previous = tail;
      tail = new Promise<void>((resolve) => (release = resolve));
      await previous;
      return release;
    };
    const alone =
      <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        const release = await lock();
        try {
          return await run(...args);
        } finally {
          release();
        }
      };
    return new Proxy(adapter, {
      get(target, property) {
        if (property === "queryRaw") return alone(target.queryRaw.bind(target));
        if (property === "executeRaw") return alone(target.executeRaw.bind(target));
        if (property === "executeScript") return alone(target.executeScript.bind(target));
        if (property === "startTransaction") {
          return async (...args: Parameters<SqlDriverAdapter["startTransaction"]>): Promise<Transaction> => {
            const release = await lock();
            try {
              const transaction = await target.startTransaction(...args);
              // Held until the transaction ends, whichever way.
              const end = (finish: () => Promise<void>) => () => finish().finally(release);
              return Object.assign(Object.create(Object.getPrototypeOf(transaction)), transaction, {
                queryRaw: transaction.queryRaw.bind(transaction),
                executeRaw: transaction.executeRaw.bind(transaction),
                commit: end(transaction.commit.bind(transaction)),
                rollback: end(transaction.rollback.bind(transaction)),
              });
            } catch (error) {
              release();
              throw error;
            }
          };
        }
        const value = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => wrap(await factory.connectToShadowDb()),
  };
}

/** better-sqlite3's connection, which the adapter keeps as `client` and begins with `prepare("BEGIN")`. */
type PreparingClient = { prepare: (sql: string) => unknown };

function beginImmediate(adapter: SqlDriverAdapter) {
  const client = (adapter as unknown as { client?: PreparingClient }).client;
  if (!client) throw new Error("lib/sqlite-serial.ts: the better-sqlite3 adapter no longer keeps its connection as `client`.");
  const prepare = client.prepare.bind(client);
  client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
}
