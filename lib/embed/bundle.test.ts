/**
 * Issue 14, "Respects the host": /embed.js is one esbuild bundle (lib/embed/build.mjs) with the anchoring
 * engine inside. It must stay ≤ 30 KB gzipped, contain no eval or Function constructor (a strict
 * Content-Security-Policy without 'unsafe-eval' would block them), pull in no Node built-in, and pull in
 * nothing server-side (no Prisma, no zod, no server-only module).
 */
import { builtinModules } from "node:module";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs build script without type declarations
import { buildEmbed } from "./build.mjs";

let code = "";
let inputs: string[] = [];

beforeAll(async () => {
  const result = (await buildEmbed({ write: false })) as { code: string; metafile: { inputs: Record<string, unknown> } };
  code = result.code;
  inputs = Object.keys(result.metafile.inputs);
}, 60_000);

describe("embed.js bundle", () => {
  it("is at most 30 KB gzipped, anchoring engine included", () => {
    const gzipped = gzipSync(code).length;
    expect(inputs.some((i) => i.includes("lib/anchoring/anchor.ts"))).toBe(true);
    expect(gzipped).toBeLessThanOrEqual(30 * 1024);
  });

  it("needs no eval and no Function constructor (strict CSP)", () => {
    expect(code).not.toMatch(/\beval\s*\(/);
    expect(code).not.toMatch(/\bnew Function\s*\(|\bFunction\s*\(\s*["'`]/);
    expect(code).not.toMatch(/setTimeout\s*\(\s*["'`]/);
    expect(code).not.toMatch(/\.innerHTML\s*=|insertAdjacentHTML|document\.write/);
  });

  it("pulls in no Node built-in and nothing server-side", () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    expect(inputs.filter((i) => builtins.has(i) || i.startsWith("node:"))).toEqual([]);
    expect(inputs.filter((i) => /prisma|zod|server-only|lib\/db\/|generated/.test(i))).toEqual([]);
  });

  it("defines one global, window.FactmarkEmbed, and sets no style attribute (CSSOM only)", () => {
    expect(code).toContain('"FactmarkEmbed"');
    expect(code).not.toMatch(/setAttribute\(\s*["']style["']/);
    expect(code).not.toMatch(/createElement\(\s*["'](style|script)["']/);
  });
});
