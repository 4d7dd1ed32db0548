/**
 * Prisma's SQLite adapter refuses a statement with more than about 999 bound values, so a list of
 * ids is never put in one `IN (…)`: it goes in slices of this size. The lists come from the
 * database (a chunk of a batch) or from a request whose size the schema bounds.
 */
export const ID_SLICE = 500;

export function slices<T>(items: readonly T[], size = ID_SLICE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One query per slice of `ids`, the rows put together in the order the slices came. */
export async function inSlices<T, R>(ids: readonly T[], query: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (const slice of slices(ids)) rows.push(...(await query(slice)));
  return rows;
}
