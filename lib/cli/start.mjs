#!/usr/bin/env node
// npm start: build when the build is missing or older than the sources, make sure a session
// secret exists, then serve with lib/cli/serve.mjs (`next start` that passes the socket address on). Migrations and the idempotent seed run inside the
// server at start-up (instrumentation.ts), because only one process may open the embedded database.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
process.chdir(root);
const port = process.env.PORT || "3000";
const host = process.env.HOST || "127.0.0.1";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: port };
const databaseUrl = process.env.DATABASE_URL?.trim() || "";
const embedded = !databaseUrl || databaseUrl.startsWith("pglite:");

function fail(message) {
  console.error(`\nFactmark cannot start: ${message}\n`);
  process.exit(1);
}

// next-auth signs sessions with NEXTAUTH_SECRET. The embedded demo makes one on first start and
// keeps it in .data/ (git-ignored); a server deployment must set its own.
if (!env.NEXTAUTH_SECRET) {
  if (!embedded) fail("set NEXTAUTH_SECRET (for example `openssl rand -base64 32`) when DATABASE_URL points at PostgreSQL.");
  const file = path.join(root, ".data", "nextauth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    console.log("Generated a session secret in .data/nextauth-secret");
  }
  env.NEXTAUTH_SECRET = readFileSync(file, "utf8").trim();
}
env.NEXTAUTH_URL ||= `http://${host}:${port}`;

const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

const SOURCES = ["app", "components", "lib", "prisma/schema.prisma", "next.config.js", "package.json", "proxy.ts", "instrumentation.ts", "instrumentation-client.ts"];
// lib/embed/dist is the embed bundle, built below: it is an output, not a source of the Next build.
const SKIP = new Set(["generated", "node_modules", ".next", "dist"]);

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(p)) {
    if (SKIP.has(entry) || entry.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

const buildId = path.join(root, ".next", "BUILD_ID");
const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
if (!builtAt || SOURCES.some((s) => newestMtime(path.join(root, s)) > builtAt)) {
  console.log(builtAt ? "Sources changed since the last build: rebuilding…" : "No production build yet: building (about a minute)…");
  const built = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env });
  if (built.status !== 0) fail("`next build` failed (see above).");
}

// The embed script (issue 14) is its own esbuild bundle, served by GET /embed.js: rebuilt here when it
// is missing or older than its sources, whichever way the Next build was made.
const embedBundle = path.join(root, "lib", "embed", "dist", "embed.js");
const embedBuiltAt = existsSync(embedBundle) ? statSync(embedBundle).mtimeMs : 0;
const EMBED_SOURCES = ["lib/embed", "lib/anchoring", "lib/verdicts.ts"];
if (!embedBuiltAt || EMBED_SOURCES.some((s) => newestMtime(path.join(root, s)) > embedBuiltAt)) {
  const built = spawnSync(process.execPath, [path.join(root, "lib", "embed", "build.mjs")], { stdio: "inherit", env });
  if (built.status !== 0) fail("building the embed script failed (see above).");
}

// serve.mjs is `next start` plus the client's socket address for sign-in throttling (issue 12).
const server = spawn(process.execPath, [path.join(root, "lib", "cli", "serve.mjs")], { stdio: "inherit", env: { ...env, HOST: host } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
