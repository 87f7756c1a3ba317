// npm run db:backup -- <file>: a consistent copy of the database DATABASE_URL names (the embedded
// default when unset). Embedded: taken by the running app over its control socket, or read from
// the folder when the app is stopped (lib/db/backup.ts). PostgreSQL: pg_dump's custom format.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { backupPgliteDir } from "@/lib/db/backup";
import { databaseUrl, parseDatabaseUrl } from "@/lib/db/url";

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error("name the backup file: npm run db:backup -- backups/factmark.tar.gz");
  const target = parseDatabaseUrl(databaseUrl());
  if (target.kind === "postgres") {
    execFileSync("pg_dump", ["--format=custom", "--file", file, target.url], { stdio: "inherit" });
    console.log(`Backed up PostgreSQL to ${file} (pg_dump custom format; restore with npm run db:restore -- ${file}).`);
    return;
  }
  if (target.dir === "memory") throw new Error("DATABASE_URL=pglite:memory keeps nothing to back up.");
  const dataDir = path.resolve(target.dir);
  const started = performance.now();
  const { tarball, via } = await backupPgliteDir(dataDir);
  writeFileSync(file, tarball, { mode: 0o600 });
  console.log(
    `Backed up ${dataDir} to ${file}: ${(tarball.byteLength / 1024).toFixed(0)} KiB in ${(performance.now() - started).toFixed(0)} ms, ` +
      (via === "server" ? "taken by the running app." : "read from the folder (the app is not running)."),
  );
}

main().catch((e) => {
  console.error(`db:backup failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
