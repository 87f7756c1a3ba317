// vitest globalSetup for the integration project: migrate one PostgreSQL database and one PGlite
// folder once per run, and let every test copy them (lib/testing/databases.ts) instead of
// replaying the migration history hundreds of times.
import { rmSync } from "node:fs";
import pg from "pg";
import { ADMIN_URL, createPgliteDatabase, createPostgresDatabase, PGLITE_TEMPLATE_ENV, POSTGRES_TEMPLATE_ENV } from "./databases";

export default async function setup(): Promise<() => Promise<void>> {
  const postgres = await createPostgresDatabase();
  // CREATE DATABASE … TEMPLATE refuses a template that has open connections.
  await postgres.db.close();
  const template = new URL(postgres.url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    // Marked as a template so that nothing can connect to it by accident and change it.
    await admin.query(`ALTER DATABASE "${template}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  } finally {
    await admin.end();
  }
  const pglite = await createPgliteDatabase();
  await pglite.db.close();
  const pgliteDir = pglite.url.slice("pglite:".length);
  process.env[POSTGRES_TEMPLATE_ENV] = template;
  process.env[PGLITE_TEMPLATE_ENV] = pgliteDir;

  return async () => {
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    try {
      await c.query(`ALTER DATABASE "${template}" WITH IS_TEMPLATE false`);
      await c.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    } finally {
      await c.end();
    }
    rmSync(pgliteDir, { recursive: true, force: true });
  };
}
