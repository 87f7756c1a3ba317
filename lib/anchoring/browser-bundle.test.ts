/**
 * Issue 13, "in the browser": the engine is imported by client code (the embed script), so it must bundle for
 * the browser without Node built-ins and give the same answers there. We bundle lib/anchoring/index.ts with
 * esbuild (platform "browser"; a Node built-in anywhere in the graph fails the build), run the bundle in a fresh
 * `node:vm` context that has no `process`, `require`, `Buffer` or module system, and compare its answers with
 * the Node engine's on the revision fixtures.
 */
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { runInContext, createContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { beforeAll, describe as suite, expect, it } from "vitest";
import { anchor, anchorAll, describe, reanchor } from "./index";
import { loadIterater, loadScriptPairs, loadWikipediaPairs } from "./testing/load-fixtures";
import { generateSpans } from "./testing/spans";

const entry = fileURLToPath(new URL("./index.ts", import.meta.url));

let code = "";
let inputs: string[] = [];

beforeAll(async () => {
  const result = await build({ entryPoints: [entry], bundle: true, platform: "browser", format: "iife", globalName: "FactmarkAnchoring", minify: true, write: false, metafile: true, target: "es2022", logLevel: "silent" });
  code = result.outputFiles[0].text;
  inputs = Object.keys(result.metafile.inputs);
}, 60_000);

/** Runs the JavaScript `body` (a function of the engine and the input) against the bundle, in a context with only the JavaScript built-ins. */
function inBrowserLikeContext<T>(body: string, data: unknown): T {
  const sandbox: Record<string, unknown> = { input: JSON.stringify(data) };
  const context = createContext(sandbox);
  runInContext(code, context);
  runInContext(`var result = JSON.stringify((${body})(FactmarkAnchoring, JSON.parse(input)));`, context);
  return JSON.parse(sandbox.result as string) as T;
}

type Case = { before: string; after: string; spans: { start: number; end: number }[] };

function cases(): Case[] {
  const pairs = [...loadIterater(), ...loadWikipediaPairs().filter((_, i) => i % 6 === 0), ...loadScriptPairs()];
  return pairs.map((p) => ({ before: p.before, after: p.after, spans: generateSpans(p.before).filter((_, i) => i % 3 === 0).map(({ start, end }) => ({ start, end })) }));
}

suite("browser bundle", () => {
  it("pulls in no Node built-in and runs without Node globals", () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    expect(inputs.filter((i) => builtins.has(i) || i.startsWith("node:"))).toEqual([]);
    const globals = inBrowserLikeContext("() => [typeof process, typeof require, typeof Buffer, typeof module]", null);
    expect(globals).toEqual(["undefined", "undefined", "undefined", "undefined"]);
    const size = Buffer.byteLength(code);
    const gzipped = gzipSync(code).length;
    console.log(`anchoring engine browser bundle: ${(size / 1024).toFixed(1)} KiB minified, ${(gzipped / 1024).toFixed(1)} KiB gzipped`);
    expect(gzipped).toBeLessThan(40 * 1024);
  });

  it("gives the same answers as the Node engine on the fixtures (anchor, anchorAll and reanchor)", () => {
    const all = cases().map((c) => {
      const selectors = c.spans.map((sp) => {
        const { quote, position } = describe(c.before, sp.start, sp.end);
        return [quote, position];
      });
      return { ...c, selectors };
    });
    const node = all.map((c) => ({ reanchored: reanchor(c.before, c.after, c.spans), anchored: c.selectors.map((sel) => anchor(c.after, sel)), batched: anchorAll(c.after, c.selectors) }));
    const browser = inBrowserLikeContext(
      "(engine, data) => data.map((c) => ({ reanchored: engine.reanchor(c.before, c.after, c.spans), anchored: c.selectors.map((sel) => engine.anchor(c.after, sel)), batched: engine.anchorAll(c.after, c.selectors) }))",
      all,
    );
    expect(all.reduce((n, c) => n + c.spans.length, 0)).toBeGreaterThan(1500);
    expect(browser).toEqual(JSON.parse(JSON.stringify(node)));
  }, 120_000);
});
