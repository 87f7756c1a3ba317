#!/usr/bin/env node
// Drop-in replacement for Prisma 7's native `schema-engine` binary, for machines that cannot
// download it. Point the CLI at it with:
//   PRISMA_SCHEMA_ENGINE_BINARY=./scripts/schema-engine-wasm.mjs
// It speaks the same JSON-RPC-over-stdio protocol as the binary, but runs the WASM schema
// engine from @prisma/schema-engine-wasm (pin the version matching the prisma CLI's engines,
// e.g. prisma@7.10.0 <-> 7.10.0-4.0edf323efd1d98336f3f0a68684b56f689b900d3) over a JS driver
// adapter chosen from the datasource URL:
//   postgres://, postgresql://  -> @prisma/adapter-pg   (real PostgreSQL server)
//   pglite:<dir> / pglite:memory -> pglite-prisma-adapter (embedded PGlite, Postgres dialect)
//   file:<path>                  -> @prisma/adapter-better-sqlite3
import { readFileSync } from "node:fs";
import { mkdirSync, unlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import readline from "node:readline";

const ENGINE_LABEL = "schema-engine-wasm-shim";
const require = createRequire(import.meta.url);
const log = (level, message, extra = {}) =>
  process.stderr.write(JSON.stringify({ level, fields: { message, ...extra }, target: "schema_engine_wasm_shim" }) + "\n");

// ---------------------------------------------------------------- argument parsing
const argv = process.argv.slice(2);
const wasmPkgDir = dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const datamodelPaths = argv.flatMap((a, i) => (a === "--datamodels" ? [argv[i + 1]] : []));
const datasource = opt("--datasource") ? JSON.parse(opt("--datasource")) : {};

// ---------------------------------------------------------------- WASM engine
async function loadEngineClass() {
  const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmModule = new WebAssembly.Module(readFileSync(join(wasmPkgDir, "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(wasmModule, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue;
}

// ---------------------------------------------------------------- driver adapters
const closers = [];

// adapter-pg cannot decode some pg_catalog column types used by the engine's introspection
// queries ("char" OID 18; `name` OID 19 before 7.x, prisma/orm#27403). pg returns them as
// strings, so report them as text.
const PG_AS_TEXT = new Set([18, 19]);
function patchPgQueryable(adapter) {
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(adapter)); // PgQueryable
  if (!proto || typeof proto.performIO !== "function" || proto.__asTextPatched) return;
  const performIO = proto.performIO;
  proto.performIO = async function (query) {
    const res = await performIO.call(this, query);
    for (const f of res?.fields ?? []) if (PG_AS_TEXT.has(f.dataTypeID)) f.dataTypeID = 25;
    return res;
  };
  proto.__asTextPatched = true;
}

// Both adapters' executeScript are replaced by one that sends a migration script whole, awaits it
// and surfaces its error, as Prisma's native engine does:
// - adapter-pg splits the script at every ";", which cuts a function body ($$ … ; … $$) in two
//   (PostgreSQL's simple query protocol runs a whole multi-statement script);
// - pglite-prisma-adapter (<= 0.7.2) does not await exec(), so a failing migration would be
//   silently recorded as applied.
function sendScriptsWhole(adapter, send) {
  adapter.executeScript = async function (script) {
    try {
      await send(this.client, script);
    } catch (e) {
      this.onError(e);
    }
  };
  return adapter;
}
const pgSend = (client, script) => client.query(script);
const pgliteSend = (client, script) => client.exec(script);

async function pgFactory(url) {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { parseIntoClientConfig } = await import("pg-connection-string");
  // Discrete fields, not connectionString: PrismaPg.connectToShadowDb() spreads
  // {...config, database: shadow} and pg would let the URL's database win (=> main DB!).
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { connectionString: _omit, ...parsed } = parseIntoClientConfig(url);
  const config = { ...parsed, allowExitOnIdle: true };
  class PrismaPgMigrate extends PrismaPg {
    async connect() {
      const adapter = await super.connect();
      patchPgQueryable(adapter);
      return sendScriptsWhole(adapter, pgSend);
    }
    // Upstream drops the shadow DB *before* ending its pool ("being accessed by other users").
    async connectToShadowDb() {
      const admin = await this.connect();
      const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
      await admin.executeScript(`CREATE DATABASE "${name}"`);
      const shadow = sendScriptsWhole(await new PrismaPg({ ...config, database: name }).connect(), pgSend);
      const closeShadow = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await closeShadow();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
        await admin.dispose();
      };
      return shadow;
    }
  }
  return new PrismaPgMigrate(config);
}

// [next-pglite] PGlite takes no lock on its data dir: take "<dir>.lock" (pid inside), as lib/db.ts does.
function lockDataDir(dir) {
  const file = `${resolve(dir)}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      return () => { try { if (readFileSync(file, "utf8") === String(process.pid)) unlinkSync(file); } catch {} };
    } catch (e) {
      if (e?.code !== "EEXIST" || attempt > 0) throw e;
      const pid = Number(readFileSync(file, "utf8"));
      let alive = false;
      try { process.kill(pid, 0); alive = pid !== process.pid; } catch {}
      if (alive) throw new Error(`PGlite data dir ${dir} is in use by process ${pid} (${file}); stop the server first`);
      unlinkSync(file); // stale
    }
  }
}

async function pgliteFactory(url) {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const where = url.replace(/^pglite:(\/\/)?/, "") || "memory";
  let db;
  if (where === "memory") db = new PGlite();
  else {
    mkdirSync(where, { recursive: true });
    // [next-pglite] refuse a data dir that another process (the app server) holds; same lock as lib/db.ts
    const unlock = lockDataDir(where);
    closers.push(async () => unlock());
    db = new PGlite(where);
  }
  closers.unshift(() => db.close());
  class PrismaPGliteMigrate extends PrismaPGlite {
    async connect() {
      return sendScriptsWhole(await super.connect(), pgliteSend);
    }
    async connectToShadowDb() {
      return sendScriptsWhole(await super.connectToShadowDb(), pgliteSend);
    }
  }
  return new PrismaPGliteMigrate(db);
}

async function sqliteFactory(url) {
  const mod = await import("@prisma/adapter-better-sqlite3");
  const PrismaBetterSqlite3 = mod.PrismaBetterSqlite3 ?? mod.PrismaBetterSQLite3;
  return new PrismaBetterSqlite3({ url });
}

function providerFromSchemas(files) {
  for (const [, content] of files) {
    const m = /datasource\s+\w+\s*\{[^}]*provider\s*=\s*"(\w+)"/s.exec(content);
    if (m) return m[1] === "postgresql" ? "postgres" : m[1];
  }
  return "postgres";
}

async function adapterFactory(url, files) {
  if (/^postgres(ql)?:\/\//.test(url ?? "")) return pgFactory(url);
  if (/^pglite:/.test(url ?? "")) return pgliteFactory(url);
  if (/^file:/.test(url ?? "")) return sqliteFactory(url);
  // No usable datasource (e.g. `migrate diff --from-empty --to-schema x --script`): offline factory.
  const fail = async () => {
    throw new Error(`${ENGINE_LABEL}: no supported datasource url (got ${JSON.stringify(url)})`);
  };
  return { provider: providerFromSchemas(files), adapterName: "offline", connect: fail, connectToShadowDb: fail };
}

async function closeAll() {
  for (const c of closers.splice(0)) await c().catch(() => {});
}

// ---------------------------------------------------------------- `schema-engine cli <cmd>` mode
async function runCliCommand(cmd) {
  const url = datasource.url;
  try {
    if (cmd === "can-connect-to-database") {
      const factory = await adapterFactory(url, []);
      const conn = await factory.connect();
      await conn.queryRaw({ sql: "SELECT 1", args: [], argTypes: [] });
      await conn.dispose();
    } else if (cmd === "create-database" && /^postgres(ql)?:\/\//.test(url)) {
      const u = new URL(url);
      const dbName = decodeURIComponent(u.pathname.slice(1));
      u.pathname = "/postgres";
      const factory = await pgFactory(u.toString());
      const conn = await factory.connect();
      await conn.executeScript(`CREATE DATABASE "${dbName.replaceAll('"', '""')}"`);
      await conn.dispose();
    } else if (cmd !== "create-database") {
      throw new Error(`${ENGINE_LABEL}: unsupported cli command ${cmd}`);
    }
    await closeAll();
    process.exit(0);
  } catch (e) {
    const pgCode = e?.cause?.originalCode;
    const code = pgCode === "3D000" ? "P1003" : pgCode === "28P01" || pgCode === "28000" ? "P1000" : "P1001";
    const message = String(e?.cause?.originalMessage ?? e?.message ?? e);
    // The CLI skips the first stderr line (the native engine logs a startup line there).
    log("INFO", `${ENGINE_LABEL} cli ${cmd}`);
    const line = JSON.stringify({ level: "ERROR", target: "schema_engine::logger", fields: { error_code: code, message } });
    await closeAll();
    process.stderr.write(line + "\n", () => process.exit(1));
  }
}

// ---------------------------------------------------------------- JSON-RPC mode
async function runRpc() {
  const files = datamodelPaths.map((p) => [p, readFileSync(p, "utf8")]);
  const { SchemaEngine } = await loadEngineClass();
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  const factory = bindMigrationAwareSqlAdapterFactory(await adapterFactory(datasource.url, files));
  const engine = await SchemaEngine.new(
    { datamodels: files.length ? files : undefined },
    (line) => process.stderr.write(String(line).trimEnd() + "\n"),
    factory,
  );

  let nextOwnId = 1_000_000;
  const send = (msg) => process.stdout.write(JSON.stringify(msg) + "\n");
  const methodMap = { getDatabaseVersion: "version" };

  const handle = async ({ id, method, params }) => {
    try {
      if ((method === "evaluateDataLoss" || method === "createMigration") && params?.migrationsList) {
        // WASM-engine quirk: these two compute "schema from migrations" through the engine's
        // migration-schema cache, and on a cache miss use the main connection with no external
        // shadow DB -> "PostgreSQL shadow DB must be provided through an external factory"
        // (e.g. `migrate dev` right after it applied pending migrations). devDiagnostic fills
        // that cache through the adapter's connectToShadowDb(), so run it first.
        await engine.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters }).catch(() => {});
      }
      if (method === "debugPanic") engine.debugPanic();
      let result = await engine[methodMap[method] ?? method](params ?? undefined);
      if (method === "diff" && result && typeof result === "object" && "stdout" in result) {
        const { stdout, ...rest } = result;
        // The native engine prints through a `print` RPC call back to the CLI.
        if (stdout) send({ jsonrpc: "2.0", id: nextOwnId++, method: "print", params: { content: stdout.replace(/\n$/, "") } });
        result = rest;
      }
      send({ jsonrpc: "2.0", id, result: result ?? null });
    } catch (e) {
      const panic = e instanceof WebAssembly.RuntimeError || e?.name === "RuntimeError";
      const message = String(e?.message ?? e);
      send({
        jsonrpc: "2.0",
        id,
        error: {
          code: 4466,
          message: "An error happened. Check the data field for details.",
          data: { is_panic: panic, message, error_code: e?.code, meta: e?.meta, ...(panic ? { error: { message } } : {}) },
        },
      });
      if (panic) {
        await closeAll();
        process.exit(101);
      }
    }
  };

  let chain = Promise.resolve();
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on("line", (line) => {
    if (!line.trim()) return;
    const msg = JSON.parse(line);
    if (!msg.method) return; // response to one of our `print` calls
    chain = chain.then(() => handle(msg)); // the binary processes requests one at a time too
  });
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await chain.catch(() => {});
    try {
      engine.free();
    } catch {}
    await closeAll();
    process.exit(0);
  };
  rl.on("close", shutdown);
  process.on("SIGTERM", shutdown); // the CLI kills the engine right after closing stdin
}

// ---------------------------------------------------------------- main
if (argv.includes("--version") || argv.includes("-V")) {
  const { version } = JSON.parse(readFileSync(join(wasmPkgDir, "package.json"), "utf8"));
  process.stdout.write(`schema-engine-cli ${version.split(".").pop()} (${ENGINE_LABEL} ${version})\n`);
  process.exit(0);
} else if (argv[0] === "cli" || argv.includes("cli")) {
  const cmd = argv[argv.indexOf("cli") + 1];
  await runCliCommand(cmd);
} else {
  await runRpc();
}
