// One Prisma client (and, on PGlite, ONE PGlite instance) per process. Nothing is opened at import
// time, so `next build` never touches the data folder.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, parseDatabaseUrl } from "./url";

export type Db =
  | { kind: "postgres"; prisma: PrismaClient; url: string; close: () => Promise<void> }
  | { kind: "pglite"; prisma: PrismaClient; pglite: PGlite; dataDir: string | null; close: () => Promise<void> };

// PGlite takes no lock on its data folder, so a second process (another server, or a CLI migrate
// while the server runs) could open it and corrupt it. "<dir>.lock" holds the owner's pid;
// prisma/schema-engine-wasm.mjs takes the same lock, and a lock left by a dead process is taken over.
export function lockDataDir(dir: string): () => void {
  const file = `${dir}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, "utf8") === String(process.pid)) unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException)?.code !== "EEXIST" || attempt > 0) throw e;
      const pid = Number(readFileSync(file, "utf8"));
      let alive = false;
      try {
        process.kill(pid, 0);
        alive = pid !== process.pid;
      } catch {
        alive = false;
      }
      if (alive) throw new Error(`The embedded database ${dir} is in use by process ${pid} (${file}). Stop it first.`);
      unlinkSync(file);
    }
  }
}

/**
 * node-postgres pool settings for riding out a database outage (issue 12, Reliability). Without a
 * connect timeout a request waits forever for a server that does not answer (a dropped network
 * rather than a refused port); it now fails within seconds and reads as 503. keepAlive lets the OS
 * notice a dead peer under an idle pooled connection. The pool drops a client whose socket failed
 * (pg-pool checks `_queryable` on release), so it recovers by itself once the server is back.
 */
export function postgresPoolConfig(connectionString: string) {
  return { connectionString, connectionTimeoutMillis: 5_000, keepAlive: true };
}

export async function openDb(url: string = databaseUrl()): Promise<Db> {
  const target = parseDatabaseUrl(url);
  if (target.kind === "postgres") {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const prisma = new PrismaClient({ adapter: new PrismaPg(postgresPoolConfig(target.url)) });
    return { kind: "postgres", prisma, url: target.url, close: () => prisma.$disconnect() };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  let pglite: PGlite;
  let unlock = () => {};
  let dataDir: string | null = null;
  if (target.dir === "memory") pglite = new PGlite();
  else {
    const dir = path.resolve(/* turbopackIgnore: true */ process.cwd(), target.dir);
    dataDir = dir;
    mkdirSync(dir, { recursive: true });
    unlock = lockDataDir(dir);
    pglite = new PGlite(dir);
  }
  try {
    await pglite.waitReady;
  } catch (e) {
    unlock();
    throw e;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  // PrismaPGlite's dispose() leaves PGlite open, which keeps the process alive and the folder unclean.
  const close = async () => {
    await prisma.$disconnect();
    if (!pglite.closed) await pglite.close();
    unlock();
  };
  return { kind: "pglite", prisma, pglite, dataDir, close };
}

// globalThis, not a module variable: Next bundles instrumentation, pages and route handlers as
// separate module graphs, and each would otherwise open its own PGlite on the same folder.
const holder = globalThis as typeof globalThis & { __factmarkDb?: Promise<Db> };

export function getDb(): Promise<Db> {
  if (!holder.__factmarkDb) {
    const opening = openDb();
    opening.catch(() => {
      if (holder.__factmarkDb === opening) holder.__factmarkDb = undefined;
    });
    holder.__factmarkDb = opening;
  }
  return holder.__factmarkDb;
}

export async function getPrisma(): Promise<PrismaClient> {
  return (await getDb()).prisma;
}

export async function closeDb(): Promise<void> {
  const opening = holder.__factmarkDb;
  holder.__factmarkDb = undefined;
  if (opening) await (await opening).close();
}
