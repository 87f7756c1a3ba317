// Server start-up: open the database, bring the schema up to date (embedded) or check that it is
// (PostgreSQL), and run the idempotent seed.
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { closeDb, getDb, type Db } from "./client";
import { wantsDemoUsers } from "./url";
import { seedDatabase } from "@/lib/seed/seed";
import { issueSetupCodeIfNoAdmin } from "@/lib/accounts/first-admin";

// Close PGlite cleanly on shutdown: Next's own SIGTERM/SIGINT handler drains requests and then
// calls process.exit(); the database is closed just before that.
function closeDbOnExit() {
  const exit = process.exit.bind(process);
  let closing = false;
  process.exit = ((code?: number) => {
    if (closing) return exit(code);
    closing = true;
    Promise.resolve(stopServingBackups?.())
      .then(() => closeDb())
      .catch((e) => console.error("[db] close failed", e))
      .finally(() => exit(code));
  }) as typeof process.exit;
}

// `npm run db:backup` asks the running server for a consistent copy (lib/db/backup.ts).
async function serveBackupsUntilExit(dataDir: string, pglite: PGlite) {
  const { serveBackups } = await import("./backup");
  stopServingBackups = await serveBackups(dataDir, pglite);
}

let stopServingBackups: (() => Promise<void>) | null = null;

export async function pendingMigrations(db: Db): Promise<string[]> {
  const dir = path.join(/* turbopackIgnore: true */ process.cwd(), "prisma/migrations");
  const wanted = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  let applied: string[] = [];
  try {
    const rows = await db.prisma.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    applied = rows.map((r) => r.migration_name);
  } catch {
    applied = [];
  }
  return wanted.filter((m) => !applied.includes(m));
}

export async function prepareDb() {
  closeDbOnExit();
  const t0 = performance.now();
  const db = await getDb();
  let migrated: string[] = [];
  if (db.kind === "pglite") {
    const { migratePglite } = await import("./migrate");
    migrated = await migratePglite(db.pglite);
    if (db.dataDir) await serveBackupsUntilExit(db.dataDir, db.pglite);
  } else {
    const pending = await pendingMigrations(db);
    if (pending.length) throw new Error(`PostgreSQL has ${pending.length} unapplied migration(s) (${pending.join(", ")}). Run \`npm run db:migrate\` first.`);
  }
  const seeded = await seedDatabase(db.prisma, { demoUsers: wantsDemoUsers() });
  console.log(
    `[db] ${db.kind} ready in ${(performance.now() - t0).toFixed(0)} ms; migrations applied now: ${migrated.length ? migrated.join(", ") : "none"}; ` +
      `seed: article ${seeded.articleCreated ? "created" : "present"}, ${seeded.usersCreated.length} demo user(s) created`,
  );
  const setupCode = await issueSetupCodeIfNoAdmin(db.prisma);
  if (setupCode) {
    const base = process.env.NEXTAUTH_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
    console.log(
      `\n[setup] No admin exists yet. Create the first one at ${base}/setup with this one-time code:\n\n    ${setupCode}\n\n` +
        `[setup] The code works once, and only until this server restarts. Or run \`npm run admin:create -- --email you@example.org --name "Your Name"\` on the server.\n`,
    );
  }
}

export async function prepareDbOrExit() {
  try {
    await prepareDb();
  } catch (e) {
    // Otherwise Next keeps listening and answers every request with a 500.
    console.error(`[db] start-up failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
