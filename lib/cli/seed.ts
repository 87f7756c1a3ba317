// npm run db:seed: seed the database DATABASE_URL names (the embedded default when unset).
import { openDb } from "@/lib/db/client";
import { databaseUrl, parseDatabaseUrl, wantsDemoUsers } from "@/lib/db/url";
import { migratePglite } from "@/lib/db/migrate";
import { seedDatabase } from "@/lib/seed/seed";

async function main() {
  const url = databaseUrl();
  const db = await openDb(url);
  try {
    // The embedded database is migrated here too, so `npm run db:seed` works on a fresh folder.
    if (db.kind === "pglite") await migratePglite(db.pglite);
    const report = await seedDatabase(db.prisma, { demoUsers: wantsDemoUsers() });
    const where = parseDatabaseUrl(url).kind === "postgres" ? "PostgreSQL" : "embedded database";
    console.log(
      `Seeded ${where}: article ${report.articleCreated ? "created" : "already there"}; ` +
        `demo users ${wantsDemoUsers() ? (report.usersCreated.length ? `created ${report.usersCreated.join(", ")}` : "already there") : "skipped (set FACTMARK_DEMO=1 to create them)"}.`,
    );
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(`db:seed failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
