import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI would download a native schema-engine binary, which this network cannot reach:
// run Prisma's own WASM schema engine through a drop-in shim instead (docs/decisions.md).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve(import.meta.dirname ?? ".", "prisma/schema-engine-wasm.mjs");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // Same convention as lib/db/url.ts: postgresql://… is a server, pglite:<dir> is embedded (the default).
  datasource: { url: process.env.DATABASE_URL || "pglite:./.data/pglite" },
});
