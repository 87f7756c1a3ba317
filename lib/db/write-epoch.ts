// A process-local count of finished writes on the embedded database (issue 21).
//
// The anonymous reader page and the annotation container ask the database for an article's
// readerRevision before every answer, so that an approval made by another instance is seen on the
// next request. On PGlite there is no other instance: the data folder is locked to one process
// (lockDataDir in ./client.ts), so every write that can change a revision runs through this
// process's one PGlite instance. Counting those writes lets a reader skip the revision query until
// some write has finished since the last one: while the count stands, nothing can have changed.
// PostgreSQL is shared between instances, so there the count is not kept and callers query as before.
import type { PGlite } from "@electric-sql/pglite";
import type { Db } from "./client";

type Counted = { epoch: number };
const counters = new WeakMap<PGlite, Counted>();

/** Plain reads leave the count alone; every other statement (and every transaction) bumps it. */
const READ_ONLY = /^\s*(select|show)\b/i;

function watch(pglite: PGlite): Counted {
  const known = counters.get(pglite);
  if (known) return known;
  const counted: Counted = { epoch: 0 };
  counters.set(pglite, counted);
  // Bumped when the statement or transaction has FINISHED (committed or failed), never before: a
  // reader who sees the old count arrived before the write was visible, so the old revision is right
  // for it; a reader who sees the new count queries again. A failed write bumps too (harmless).
  const bumpAfter = <T>(run: () => Promise<T>): Promise<T> => {
    const p = run();
    return p.finally(() => {
      counted.epoch++;
    });
  };
  const query = pglite.query.bind(pglite);
  const exec = pglite.exec.bind(pglite);
  const transaction = pglite.transaction.bind(pglite);
  Object.assign(pglite, {
    query: ((sql: string, ...rest: unknown[]) =>
      READ_ONLY.test(sql) ? (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest) : bumpAfter(() => (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest))) as PGlite["query"],
    exec: ((...args: unknown[]) => bumpAfter(() => (exec as (...a: unknown[]) => Promise<unknown>)(...args))) as PGlite["exec"],
    transaction: ((...args: unknown[]) => bumpAfter(() => (transaction as (...a: unknown[]) => Promise<unknown>)(...args))) as PGlite["transaction"],
  });
  return counted;
}

/**
 * The current write count of `db` when it is the embedded database (starting to count on the first
 * call), or null on PostgreSQL, where other instances write too and only a query can tell.
 */
export function writeEpoch(db: Db): number | null {
  return db.kind === "pglite" ? watch(db.pglite).epoch : null;
}

/**
 * Wraps a per-key revision query so that, on the embedded database, its answer is reused until a
 * write finishes; on PostgreSQL every call queries. The epoch is read BEFORE the query, so a write
 * that finishes while the query runs makes the next call query again.
 */
export function reuseUntilWrite<T>(getDb: () => Promise<Db>, query: (key: string) => Promise<T>, maxKeys = 1000): (key: string) => Promise<T> {
  // Per database: counts restart at zero on another PGlite instance (tests open several).
  const knownByDb = new WeakMap<Db, Map<string, { epoch: number; value: T }>>();
  return async (key) => {
    const db = await getDb();
    const epoch = writeEpoch(db);
    if (epoch === null) return query(key);
    let known = knownByDb.get(db);
    if (!known) knownByDb.set(db, (known = new Map()));
    const hit = known.get(key);
    if (hit && hit.epoch === epoch) return hit.value;
    const value = await query(key);
    known.delete(key);
    known.set(key, { epoch, value });
    for (const k of known.keys()) if (known.size > maxKeys) known.delete(k);
    return value;
  };
}
