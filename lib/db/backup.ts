// Backups of the embedded database (issue 12, Reliability; docs/decisions.md "Backups of the
// embedded database"). PGlite lives inside the server process and its folder must not be opened
// twice or copied while it changes, so a backup of a running app is taken BY the app: it listens on
// a unix socket in a 0700 folder beside the data folder, and `npm run db:backup` asks it there.
// No HTTP route, nothing reachable from the network, and only the user who runs the server (or
// root) can connect. With the app stopped, the CLI opens the folder itself (under the same lock).
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync } from "node:fs";
import net from "node:net";
import { gunzipSync } from "node:zlib";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { lockDataDir } from "./client";

export function controlDir(dataDir: string): string {
  return `${dataDir}.control`;
}

export function backupSocketPath(dataDir: string): string {
  return path.join(controlDir(dataDir), "backup.sock");
}

/**
 * A gzipped tarball of the data folder. PGlite collects the files synchronously, between two
 * queries, so the copy is a consistent (crash-consistent) image; the CHECKPOINT before it means a
 * restored copy needs no WAL replay to start.
 */
export async function dumpPglite(pglite: PGlite): Promise<Uint8Array> {
  await pglite.exec("CHECKPOINT");
  const blob = await pglite.dumpDataDir("gzip");
  return new Uint8Array(await blob.arrayBuffer());
}

/** In the server: answers backup requests on the control socket until the returned stop() is called. */
export async function serveBackups(dataDir: string, pglite: PGlite): Promise<() => Promise<void>> {
  const dir = controlDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700); // mkdir keeps an existing folder's mode
  const socketPath = backupSocketPath(dataDir);
  // A socket file left by a killed server would make listen() fail with EADDRINUSE; the data
  // folder's lock (held by this process) proves no other server is using it.
  if (existsSync(socketPath)) unlinkSync(socketPath);
  const server = net.createServer((socket) => {
    socket.once("data", async (request) => {
      if (request.toString("utf8").trim() !== "backup") {
        socket.end("ERR unknown request\n");
        return;
      }
      try {
        const started = performance.now();
        const tarball = await dumpPglite(pglite);
        socket.write(`OK ${tarball.byteLength}\n`);
        socket.end(tarball);
        console.log(`[db] backup: ${tarball.byteLength} bytes in ${(performance.now() - started).toFixed(0)} ms`);
      } catch (e) {
        socket.end(`ERR ${e instanceof Error ? e.message : String(e)}\n`);
      }
    });
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  server.unref(); // never keeps the process alive by itself
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      try {
        unlinkSync(socketPath);
      } catch {
        // already gone
      }
    });
}

/** In the CLI: asks the running server for a backup. */
export function requestBackup(dataDir: string, timeoutMs = 120_000): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(backupSocketPath(dataDir));
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`the server did not answer within ${timeoutMs / 1000} s`)));
    socket.on("connect", () => socket.write("backup\n"));
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const all = Buffer.concat(chunks);
      const newline = all.indexOf(0x0a);
      const header = all.subarray(0, newline).toString("utf8");
      if (header.startsWith("ERR ")) return reject(new Error(`the server could not take the backup: ${header.slice(4)}`));
      const size = Number(header.match(/^OK (\d+)$/)?.[1] ?? NaN);
      const body = all.subarray(newline + 1);
      if (body.byteLength !== size) return reject(new Error(`the backup was cut short (${body.byteLength} of ${size} bytes)`));
      resolve(new Uint8Array(body));
    });
  });
}

/** The pid in the folder's lock file, if that process is alive. */
export function runningOwner(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(`${dataDir}.lock`, "utf8"));
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/** Backup of the folder: through the server if one owns it, else by opening it under its lock. */
export async function backupPgliteDir(dataDir: string): Promise<{ tarball: Uint8Array; via: "server" | "folder" }> {
  const owner = runningOwner(dataDir);
  if (owner !== null) {
    try {
      return { tarball: await requestBackup(dataDir), via: "server" };
    } catch (e) {
      throw new Error(`The app (process ${owner}) owns ${dataDir} but did not answer on ${backupSocketPath(dataDir)}: ${(e as Error).message}`);
    }
  }
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) throw new Error(`${dataDir} holds no database.`);
  const { PGlite } = await import("@electric-sql/pglite");
  const unlock = lockDataDir(dataDir);
  try {
    const pglite = new PGlite(dataDir);
    try {
      return { tarball: await dumpPglite(pglite), via: "folder" };
    } finally {
      await pglite.close();
    }
  } finally {
    unlock();
  }
}

/**
 * The backup as an uncompressed tar, checked before PGlite sees it: PGlite reports a corrupt
 * gzip stream as an unhandled rejection rather than through the promise that loads it.
 */
function checkedTar(tarball: Uint8Array): Uint8Array<ArrayBuffer> {
  let tar: Buffer;
  try {
    tar = gunzipSync(tarball);
  } catch {
    throw new Error("the file is not gzip-compressed (is it a backup made by npm run db:backup?)");
  }
  const isTar = tar.subarray(257, 262).toString("latin1") === "ustar";
  if (!isTar || !tar.includes("PG_VERSION")) throw new Error("the file is not a tarball of a database folder");
  return new Uint8Array(tar);
}

/**
 * Replaces the stopped database in dataDir with the backup. The backup is first opened in a
 * fresh folder (so a bad file is refused before anything is touched); the current folder is kept
 * beside it as <dir>.before-restore-<time> rather than deleted.
 */
export async function restorePgliteDir(dataDir: string, tarball: Uint8Array): Promise<{ keptAt: string | null; tables: number }> {
  const owner = runningOwner(dataDir);
  if (owner !== null) throw new Error(`The app (process ${owner}) is using ${dataDir}. Stop it first, then restore.`);
  const { PGlite } = await import("@electric-sql/pglite");
  const unlock = lockDataDir(dataDir);
  const staging = `${dataDir}.restoring-${process.pid}`;
  try {
    rmSync(staging, { recursive: true, force: true });
    let tables: number;
    try {
      const blob = new Blob([checkedTar(tarball)], { type: "application/x-tar" });
      const pglite = new PGlite(staging, { loadDataDir: blob });
      try {
        const rows = await pglite.query<{ n: number }>("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'");
        tables = rows.rows[0].n;
      } finally {
        await pglite.close();
      }
    } catch (e) {
      rmSync(staging, { recursive: true, force: true });
      throw new Error(`The file is not a readable Factmark backup: ${(e as Error).message}`);
    }
    let keptAt: string | null = null;
    if (existsSync(dataDir)) {
      keptAt = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      renameSync(dataDir, keptAt);
    }
    renameSync(staging, dataDir);
    return { keptAt, tables };
  } finally {
    unlock();
  }
}
