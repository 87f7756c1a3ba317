import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupPgliteDir, backupSocketPath, restorePgliteDir, serveBackups } from "./backup";
import { openDb, type Db } from "./client";
import { migratePglite } from "./migrate";
import { seedDatabase } from "@/lib/seed/seed";

type Snapshot = Record<string, { rows: number; hash: string }>;

/** Row count and a content hash of every table: what a faithful round trip must keep. */
async function snapshot(pglite: PGlite): Promise<Snapshot> {
  const tables = await pglite.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1");
  const out: Snapshot = {};
  for (const { name } of tables.rows) {
    const r = await pglite.query<{ rows: number; hash: string }>(`SELECT count(*)::int AS rows, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS hash FROM "${name}" t`);
    out[name] = r.rows[0];
  }
  return out;
}

async function openPglite(dataDir: string): Promise<Extract<Db, { kind: "pglite" }>> {
  const db = await openDb(`pglite:${dataDir}`);
  if (db.kind !== "pglite") throw new Error("expected PGlite");
  return db;
}

describe("backups of the embedded database", () => {
  let root: string;
  let dataDir: string;

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "factmark-backup-"));
    dataDir = path.join(root, "pglite");
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("round-trips: a backup taken by the running app restores to the same row counts and content", async () => {
    const db = await openPglite(dataDir);
    await migratePglite(db.pglite);
    await seedDatabase(db.prisma, { demoUsers: true });
    const stopServing = await serveBackups(dataDir, db.pglite);
    try {
      const before = await snapshot(db.pglite);
      expect(before.User.rows).toBe(5);
      expect(before.ArticleVersion.rows).toBe(1);

      const { tarball, via } = await backupPgliteDir(dataDir);
      expect(via).toBe("server");

      // The live database moves on after the backup; a restore must bring back the backup's state.
      await db.prisma.user.create({ data: { email: "after-backup@example.org", name: "After", role: "READER", passwordHash: "x" } });
      expect((await snapshot(db.pglite)).User.rows).toBe(6);

      await expect(restorePgliteDir(dataDir, tarball)).rejects.toThrow(/is using .*Stop it first/);

      await stopServing();
      await db.close();
      const { keptAt } = await restorePgliteDir(dataDir, tarball);
      expect(keptAt && existsSync(keptAt)).toBeTruthy();

      const restored = await openPglite(dataDir);
      try {
        expect(await snapshot(restored.pglite)).toEqual(before);
      } finally {
        await restored.close();
      }
    } finally {
      await stopServing();
      if (!db.pglite.closed) await db.close();
    }
  });

  it("a backup taken while writes run holds a prefix of them: consistent, never a torn row", async () => {
    const db = await openPglite(dataDir);
    const stopServing = await serveBackups(dataDir, db.pglite);
    const total = 60;
    let tarball: Uint8Array;
    try {
      const writes = (async () => {
        for (let i = 0; i < total; i++) {
          await db.prisma.user.create({ data: { email: `race-${String(i).padStart(3, "0")}@example.org`, name: `Race ${i}`, role: "READER", passwordHash: "x" } });
        }
      })();
      await new Promise((r) => setTimeout(r, 20));
      tarball = (await backupPgliteDir(dataDir)).tarball;
      await writes;
    } finally {
      await stopServing();
      await db.close();
    }
    await restorePgliteDir(dataDir, tarball);
    const restored = await openPglite(dataDir);
    try {
      const emails = (await restored.prisma.user.findMany({ where: { email: { startsWith: "race-" } }, select: { email: true }, orderBy: { email: "asc" } })).map((u) => u.email);
      expect(emails).toEqual(Array.from({ length: emails.length }, (_, i) => `race-${String(i).padStart(3, "0")}@example.org`));
      expect(emails.length).toBeLessThanOrEqual(total);
    } finally {
      await restored.close();
    }
  });

  it("backs up a stopped instance by reading its folder, and removes no control socket it did not make", async () => {
    const { tarball, via } = await backupPgliteDir(dataDir);
    expect(via).toBe("folder");
    expect(tarball.byteLength).toBeGreaterThan(1000);
    expect(existsSync(backupSocketPath(dataDir))).toBe(false);
  });

  it("refuses a file that is not a backup and leaves the database as it was", async () => {
    const foldersBefore = readdirSync(root).sort();
    await expect(restorePgliteDir(dataDir, new TextEncoder().encode("not a tarball"))).rejects.toThrow(/not a readable Factmark backup/);
    expect(readdirSync(root).sort()).toEqual(foldersBefore);
    const db = await openPglite(dataDir);
    try {
      expect(await db.prisma.user.count({ where: { email: "reviewer@example.org" } })).toBe(1);
    } finally {
      await db.close();
    }
  });
});
