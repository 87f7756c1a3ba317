// Throwaway databases for integration tests: a uniquely named PostgreSQL database on the local
// server, or a fresh PGlite folder. Each is migrated with the real migration history and removed
// afterwards (call drop() from afterAll, which runs when tests fail too).
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { openDb, type Db } from "@/lib/db/client";
import { migratePglite } from "@/lib/db/migrate";

const run = promisify(execFile);

export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/**
 * Set by lib/testing/integration-setup.ts: an already-migrated PostgreSQL database and PGlite
 * folder to copy. Running the migration history costs ~4 s on PostgreSQL and ~15 s on PGlite (its
 * WASM schema engine); a copy costs a fraction of that, and the integration suite makes hundreds.
 */
export const POSTGRES_TEMPLATE_ENV = "FACTMARK_TEST_POSTGRES_TEMPLATE";
export const PGLITE_TEMPLATE_ENV = "FACTMARK_TEST_PGLITE_TEMPLATE";

export type TestDatabase = { kind: "postgres" | "pglite"; url: string; db: Db; drop: () => Promise<void> };

/** Runs `prisma migrate deploy` (the same command as `npm run db:migrate`) against url. */
export async function migrateWithCli(url: string): Promise<string> {
  const { stdout } = await run("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, cwd: process.cwd() });
  return stdout;
}

export async function createPostgresDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `factmark_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const template = opts.migrate !== false ? process.env[POSTGRES_TEMPLATE_ENV] : undefined;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const drop = async () => {
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await c.end();
    }
  };
  try {
    if (opts.migrate !== false && !template) await migrateWithCli(url);
    const db = await openDb(url);
    return {
      kind: "postgres",
      url,
      db,
      drop: async () => {
        await db.close();
        await drop();
      },
    };
  } catch (e) {
    await drop();
    throw e;
  }
}

export async function createPgliteDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), "factmark-pglite-"));
  const template = opts.migrate !== false ? process.env[PGLITE_TEMPLATE_ENV] : undefined;
  if (template) cpSync(template, dir, { recursive: true });
  const url = `pglite:${dir}`;
  const db = await openDb(url);
  const drop = async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (opts.migrate !== false && !template && db.kind === "pglite") await migratePglite(db.pglite);
    return { kind: "pglite", url, db, drop };
  } catch (e) {
    await drop();
    throw e;
  }
}

export const ENGINES = [
  { name: "PostgreSQL", create: createPostgresDatabase },
  { name: "embedded PGlite", create: createPgliteDatabase },
] as const;

const appDatabase = globalThis as typeof globalThis & { __factmarkDb?: Promise<Db> };

/**
 * Makes the services' getPrisma() use this test database: they would otherwise open their own
 * (and PGlite allows one instance per folder, so a second one would not see this one's writes).
 * Returns the undo, for afterAll.
 */
export function shareWithServices(t: TestDatabase): () => void {
  appDatabase.__factmarkDb = Promise.resolve(t.db);
  return () => {
    appDatabase.__factmarkDb = undefined;
  };
}
