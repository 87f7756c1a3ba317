// In-process `prisma migrate deploy`: runs Prisma's own WASM schema engine (the same engine the
// CLI shim uses) over the server's PGlite instance, so no second process opens the data dir.
// It writes the same _prisma_migrations rows as the CLI (`prisma migrate status` agrees).
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import type { PGlite } from "@electric-sql/pglite";

type MigrationsList = {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  migrationDirectories: { path: string; migrationFile: { path: string; content: { tag: "ok" | "error"; value: string } } }[];
  shadowDbInitScript: string;
};

// Same shape as the CLI builds (prisma/build/index.js), sorted by directory name.
async function readMigrationsList(dir: string): Promise<MigrationsList> {
  const lock = await readFile(path.join(dir, "migration_lock.toml"), "utf8").catch(() => null);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = [];
  for (const e of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const content = await readFile(path.join(dir, e.name, "migration.sql"), "utf8").then(
      (value) => ({ tag: "ok" as const, value }),
      (err: Error) => ({ tag: "error" as const, value: err.message }),
    );
    migrationDirectories.push({ path: e.name, migrationFile: { path: "migration.sql", content } });
  }
  return { baseDir: dir, lockfile: { path: "migration_lock.toml", content: lock }, migrationDirectories, shadowDbInitScript: "" };
}

// The generated wasm-bindgen glue has no useful types; these are the parts used here.
type SchemaEngine = {
  applyMigrations(input: { migrationsList: MigrationsList; filters: { externalTables: string[]; externalEnums: string[] } }): Promise<{ appliedMigrationNames: string[] }>;
  free(): void;
};
type WasmGlue = {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: { new: (config: { datamodels: [string, string][] }, log: (line: string) => void, adapter: unknown) => Promise<SchemaEngine> };
};
type ScriptAdapter = { client: { exec(script: string): Promise<unknown> }; onError(e: unknown): never; executeScript(script: string): Promise<void> };

// wasm-bindgen glue holds ONE module instance per process: instantiating it a second time
// breaks the first ("FnOnce called more than once"), so it is loaded once and reused.
const holder = globalThis as typeof globalThis & { __factmarkSchemaEngine?: Promise<WasmGlue> };

function loadSchemaEngine(root: string): Promise<WasmGlue> {
  holder.__factmarkSchemaEngine ??= (async () => {
    // Loaded at run time from node_modules (serverExternalPackages), never bundled.
    const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const req = createRequire(path.join(root, "package.json"));
    const wasmFile = path.join(path.dirname(req.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
    const instance = new WebAssembly.Instance(new WebAssembly.Module(await readFile(wasmFile)), {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    const wasmGlue = glue as unknown as WasmGlue;
    wasmGlue.__wbg_set_wasm(instance.exports);
    (instance.exports as unknown as { __wbindgen_start: () => void }).__wbindgen_start();
    return wasmGlue;
  })();
  return holder.__factmarkSchemaEngine;
}

export async function migratePglite(pglite: PGlite, root = process.cwd()): Promise<string[]> {
  const wasmGlue = await loadSchemaEngine(root);
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  const factory = new PrismaPGlite(pglite);
  // pglite-prisma-adapter 0.7.2's executeScript() does not await exec(): a failing migration would
  // be recorded as applied. Await it and rethrow (same fix as scripts/schema-engine-wasm.mjs).
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = (await connect()) as unknown as ScriptAdapter;
    adapter.executeScript = async function (this: ScriptAdapter, script: string) {
      try {
        await this.client.exec(script);
      } catch (e) {
        this.onError(e);
      }
    };
    return adapter as unknown as Awaited<ReturnType<typeof connect>>;
  };

  const schema = path.join(root, "prisma/schema.prisma");
  const engine = await wasmGlue.SchemaEngine.new(
    { datamodels: [[schema, await readFile(schema, "utf8")]] },
    (line: string) => { if (process.env.MIGRATE_DEBUG) console.error(String(line).trimEnd()); },
    bindMigrationAwareSqlAdapterFactory(factory as unknown as Parameters<typeof bindMigrationAwareSqlAdapterFactory>[0]),
  );
  try {
    const res = await engine.applyMigrations({
      migrationsList: await readMigrationsList(path.join(root, "prisma/migrations")),
      filters: { externalTables: [], externalEnums: [] },
    });
    return res.appliedMigrationNames;
  } finally {
    engine.free();
  }
}
