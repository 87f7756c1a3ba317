// npm run db:restore -- <file>: puts a backup from `npm run db:backup` back. Embedded: only into a
// stopped app (it owns the folder while it runs); the folder it replaces is kept beside it.
// PostgreSQL: pg_restore --clean into the database DATABASE_URL names.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { restorePgliteDir } from "@/lib/db/backup";
import { databaseUrl, parseDatabaseUrl } from "@/lib/db/url";

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error("name the backup file: npm run db:restore -- backups/factmark.tar.gz");
  const target = parseDatabaseUrl(databaseUrl());
  if (target.kind === "postgres") {
    execFileSync("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname", target.url, file], { stdio: "inherit" });
    console.log(`Restored ${file} into PostgreSQL.`);
    return;
  }
  if (target.dir === "memory") throw new Error("DATABASE_URL=pglite:memory cannot be restored into; name a folder.");
  const dataDir = path.resolve(target.dir);
  const { keptAt, tables } = await restorePgliteDir(dataDir, readFileSync(file));
  console.log(`Restored ${file} into ${dataDir} (${tables} tables).${keptAt ? ` The previous folder is kept at ${keptAt}; delete it once you are satisfied.` : ""}`);
}

main().catch((e) => {
  console.error(`db:restore failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
