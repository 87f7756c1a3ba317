// Starts the built app on a fresh embedded database, and the attacker's static server on another
// port of the same host (a sibling origin: SameSite=Lax cookies still travel from it).
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const APP_PORT = Number(process.env.SECURITY_PORT ?? 3160);
export const ATTACKER_PORT = Number(process.env.SECURITY_ATTACKER_PORT ?? APP_PORT + 1);
export const HOST = "127.0.0.1";
export const APP_ORIGIN = `http://${HOST}:${APP_PORT}`;
export const ATTACKER_ORIGIN = `http://${HOST}:${ATTACKER_PORT}`;
export const DATA_DIR = process.env.SECURITY_DATA_DIR ?? ".data/security";

export type App = { origin: string; stop: () => Promise<void>; output: () => string };

async function waitFor(url: string, child: ChildProcess | null, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child && child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode} before it answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** `node lib/cli/start.mjs` rebuilds when the sources are newer than .next, then serves. */
export async function startApp(): Promise<App> {
  rmSync(path.join(ROOT, DATA_DIR), { recursive: true, force: true });
  rmSync(path.join(ROOT, `${DATA_DIR}.lock`), { force: true });
  let log = "";
  const child = spawn(process.execPath, ["lib/cli/start.mjs"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(APP_PORT), HOST, DATABASE_URL: `pglite:${DATA_DIR}`, FACTMARK_DEMO: "1", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (b: Buffer) => {
    log += b.toString();
    if (log.length > 2_000_000) log = log.slice(-1_000_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  await waitFor(`${APP_ORIGIN}/login`, child, 15 * 60_000);
  return {
    origin: APP_ORIGIN,
    output: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
      }),
  };
}

/** Serves fixed HTML pages from the attacker's origin. */
export async function startAttacker(pages: Map<string, string>): Promise<Server> {
  const server = createServer((req, res) => {
    const html = pages.get(new URL(req.url ?? "/", ATTACKER_ORIGIN).pathname);
    res.writeHead(html ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    res.end(html ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(ATTACKER_PORT, HOST, resolve));
  return server;
}
