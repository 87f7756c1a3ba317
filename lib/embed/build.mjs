#!/usr/bin/env node
// npm run build:embed: bundles the embed script (lib/embed/client/embed.ts, with the anchoring engine)
// into lib/embed/dist/embed.js, which GET /embed.js serves. `npm run build` runs it before `next build`,
// and `npm start` runs it when the bundle is missing or older than its sources (docs/decisions.md, issue 14).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "../..");
export const ENTRY = path.join(root, "lib", "embed", "client", "embed.ts");
export const OUT = path.join(root, "lib", "embed", "dist", "embed.js");

/** The esbuild options, shared with the bundle's test (lib/embed/bundle.test.ts) and the benchmark. */
export const BUILD_OPTIONS = {
  entryPoints: [ENTRY],
  bundle: true,
  platform: "browser",
  format: "iife",
  target: "es2022",
  minify: true,
  legalComments: "none",
  charset: "utf8",
  logLevel: "silent",
};

export async function buildEmbed({ write = true } = {}) {
  const { build } = await import("esbuild");
  const result = await build({ ...BUILD_OPTIONS, write: false, metafile: true });
  const code = result.outputFiles[0].text;
  if (write) {
    mkdirSync(path.dirname(OUT), { recursive: true });
    writeFileSync(OUT, code);
  }
  return { code, metafile: result.metafile };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { code } = await buildEmbed();
  console.log(`embed.js: ${(Buffer.byteLength(code) / 1024).toFixed(1)} KiB minified, ${(gzipSync(code).length / 1024).toFixed(1)} KiB gzipped → ${path.relative(root, OUT)}`);
}
