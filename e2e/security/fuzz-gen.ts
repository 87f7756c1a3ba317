// The fuzzer's seeded generator: request i of seed s is always the same request, whatever order
// the workers send them in, so any finding is replayed with SECURITY_SEED=s SECURITY_FUZZ_ONLY=i.
import { mulberry32 } from "../bench/random";
import type { RoleName } from "./client";

export const rng = mulberry32;

export type Gen = { r: () => number; int: (n: number) => number; pick: <T>(xs: readonly T[]) => T; chance: (p: number) => boolean };
export function gen(seed: number, index: number): Gen {
  const r = rng((seed * 0x9e3779b1 + index * 0x85ebca6b) >>> 0);
  const int = (n: number) => Math.floor(r() * n);
  return { r, int, pick: (xs) => xs[int(xs.length)], chance: (p) => r() < p };
}

/** Deeply nested JSON kept as text: building it as objects would overflow JSON.stringify's stack here. */
export class RawJson {
  constructor(readonly text: string) {}
}

export function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_k, x: unknown) => (x instanceof RawJson ? `@@RAW${raws.push(x.text) - 1}@@` : x)) ?? "null";
  return text.replace(/"@@RAW(\d+)@@"/g, (_m, n: string) => raws[Number(n)]);
}

function clone(v: unknown): unknown {
  if (v instanceof RawJson || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(clone);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
}

const nest = (depth: number, open: string, close: string, inner = "x") => open.repeat(depth) + inner + close.repeat(depth);

export function hostileString(g: Gen): string {
  const n = g.pick([1, 10, 300, 5_000, 100_000]);
  return g.pick<() => string>([
    () => "",
    () => "   ",
    () => "\u0000",
    () => `before\u0000after`,
    () => "\ud800",
    () => "x\udfffy",
    () => "\ud83d",
    () => "\u202e\u202dname\u2066",
    () => "\u200b\u200c\u200d\ufeff",
    () => "\uffff\ufffe",
    () => "\u0085\u2028\u2029",
    () => "\u001b[31mred\u001b[0m",
    () => "😀".repeat(n),
    () => "a".repeat(n),
    () => "e\u0301".repeat(Math.min(n, 5000)),
    () => "<script>alert(1)</script>",
    () => "../../../../etc/passwd",
    () => "%00",
    () => "null",
    () => "NaN",
    () => "-1",
    () => "1e309",
    () => "0000-01-01",
    () => "2024-02-30",
    () => "-271821-04-19",
    () => "+275760-09-13",
    () => "\r\n\r\nX-Injected: 1",
    () => "'; DROP TABLE \"Claim\"; --",
    () => "{{7*7}}${7*7}",
    () => "javascript:alert(1)",
    () => "https://example.org/" + "a".repeat(n),
    () => "http://[::1]:99999/",
    () => "\\\\evil.example\\share",
    () => nest(Math.min(n, 3000), "<div>", "</div>"),
    () => nest(Math.min(n, 1000), "[", "]"),
  ])();
}

export function hostileValue(g: Gen, depthBudget = 3): unknown {
  const kind = g.int(14);
  switch (kind) {
    case 0:
    case 1:
    case 2:
    case 3:
      return hostileString(g);
    case 4:
      return g.pick([0, -1, 1.5, -0, 2 ** 31, 2 ** 53 + 1, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 99999999999999999999]);
    case 5:
      return null;
    case 6:
      return g.pick([true, false]);
    case 7:
      return [];
    case 8:
      return {};
    case 9:
      return depthBudget > 0 ? [hostileValue(g, depthBudget - 1), hostileValue(g, depthBudget - 1)] : "x";
    case 10:
      return depthBudget > 0 ? { __proto__: { polluted: true }, constructor: { prototype: { x: 1 } }, value: hostileValue(g, depthBudget - 1) } : "x";
    case 11:
      return Array.from({ length: g.pick([100, 10_000]) }, (_, i) => `item-${i}`);
    case 12:
      return new RawJson(nest(g.pick([50, 1000, 5000, 100_000]), "[", "]", '"deep"'));
    default:
      return new RawJson(nest(g.pick([50, 1000, 5000, 100_000]), '{"a":', "}", '"deep"'));
  }
}

function leafPaths(v: unknown, path: (string | number)[] = [], out: (string | number)[][] = [], depth = 0): (string | number)[][] {
  if (depth > 6 || v instanceof RawJson) return out.concat(path.length ? [path] : []);
  if (Array.isArray(v)) v.forEach((x, i) => leafPaths(x, [...path, i], out, depth + 1));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) leafPaths(x, [...path, k], out, depth + 1);
  if (path.length) out.push(path);
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown, remove = false): void {
  let cur = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) cur = cur[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove) {
    if (Array.isArray(cur)) cur.splice(Number(last), 1);
    else delete cur[last];
  } else cur[last] = value;
}

export type BodyMutation = { body: string | Uint8Array; contentType: string; note: string };

/** A mutated version of a valid body: one leaf replaced, a key dropped or added, or the whole body replaced. */
export function mutateBody(g: Gen, template: unknown): BodyMutation {
  const json = (v: unknown, note: string): BodyMutation => ({ body: toJson(v), contentType: "application/json", note });
  const roll = g.r();
  const copy = clone(template);
  if (roll < 0.55) {
    const paths = leafPaths(copy);
    if (!paths.length) return json(hostileValue(g), "whole body replaced");
    const path = g.pick(paths);
    const value = hostileValue(g);
    setAt(copy, path, value);
    return json(copy, `${path.join(".")} := ${toJson(value).slice(0, 60)}`);
  }
  if (roll < 0.65) {
    const paths = leafPaths(copy);
    if (paths.length) {
      const path = g.pick(paths);
      setAt(copy, path, undefined, true);
      return json(copy, `${path.join(".")} removed`);
    }
  }
  if (roll < 0.7) return json(copy && typeof copy === "object" && !Array.isArray(copy) ? { ...copy, [hostileString(g).slice(0, 50) || "extra"]: hostileValue(g) } : copy, "unknown key added");
  if (roll < 0.8) return json(hostileValue(g), "whole body replaced");
  if (roll < 0.9) return json(copy, "valid body");
  return g.pick<() => BodyMutation>([
    () => ({ body: "{", contentType: "application/json", note: "truncated JSON" }),
    () => ({ body: "\ufeff" + toJson(copy), contentType: "application/json", note: "BOM before JSON" }),
    () => ({ body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0xaf, 0x22, 0x7d]), contentType: "application/json", note: "invalid UTF-8" }),
    () => ({ body: toJson(copy).replace("{", '{"a":1,"a":2,'), contentType: "application/json", note: "duplicate keys" }),
    () => ({ body: "", contentType: "application/json", note: "empty body" }),
    () => ({ body: "x".repeat(2_100_000), contentType: "application/json", note: "2.1 MB of non-JSON" }),
    () => ({ body: toJson(copy), contentType: "application/json; charset=utf-16", note: "wrong charset" }),
    () => ({ body: toJson(copy), contentType: "application/json;;;", note: "odd media type parameters" }),
  ])();
}

/** Hostile values for a path segment (already percent-encoded). */
export const HOSTILE_SEGMENTS = [
  "%00",
  "a%00b",
  "%2F",
  "..%2F..%2Fetc",
  "99999999999999999999",
  "-1",
  "0",
  "1.5",
  "1e3",
  "%ED%A0%80",
  "%F0%9F%98%80",
  "%C0%AF",
  "%25",
  "%E2%80%AE",
  "%0A",
  "%20",
  "__proto__",
  "constructor",
  "%3Cscript%3E",
  "x".repeat(3000),
  "%FF%FE",
  "NaN",
];

export const HOSTILE_QUERY_VALUES = [
  "%00",
  "%ED%A0%80",
  "%E2%80%AE%E2%80%AD",
  "a".repeat(5000),
  "%25",
  "99999999999999999999",
  "-1",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "%27%22%3E",
  "%2F%09%2Fevil.example",
  "%5C",
  "%F0%9F%98%80".repeat(100),
  "%FF",
  "",
];

/** A Tiptap document nested deep (the 2,000 blockquotes overflowed the stack). */
export function hostileDocument(g: Gen): RawJson {
  const depth = g.pick([10, 200, 2000]);
  const leaf = '{"type":"paragraph","content":[{"type":"text","text":"deep"}]}';
  const inner = g.chance(0.5)
    ? nest(depth, '{"type":"blockquote","content":[', "]}", leaf)
    : nest(depth, '{"type":"bulletList","content":[{"type":"listItem","content":[', "]}]}", leaf);
  return new RawJson(`{"type":"doc","content":[${inner}]}`);
}

/** Import contents that are expensive to parse: deep HTML, deep Markdown lists and quotes, big text. */
export function hostileImport(g: Gen): { format: string; content: string } {
  return g.pick<() => { format: string; content: string }>([
    () => ({ format: "html", content: nest(g.pick([100, 1000, 3000]), "<div>", "</div>", "deep text") }),
    () => ({ format: "html", content: nest(g.pick([100, 1000]), "<ul><li>", "</li></ul>", "deep item") }),
    () => ({ format: "markdown", content: Array.from({ length: g.pick([50, 200, 400]) }, (_, i) => `${"  ".repeat(i)}- item ${i}`).join("\n") }),
    () => ({ format: "markdown", content: ">".repeat(g.pick([100, 1000, 3000])) + " quoted" }),
    () => ({ format: "markdown", content: "*".repeat(g.pick([1000, 20000])) + "x" }),
    () => ({ format: "text", content: "word ".repeat(g.pick([1000, 400_000])) }),
    () => ({ format: "html", content: "<p>" + "<b>x".repeat(g.pick([1000, 10000])) + "</p>" }),
    () => ({ format: "html", content: "<table>" + "<tr><td>x</td></tr>".repeat(20000) + "</table>" }),
  ])();
}

export const ROLE_WEIGHTS: [RoleName, number][] = [
  ["editor", 0.3],
  ["admin", 0.2],
  ["reviewer", 0.2],
  ["reviewer2", 0.1],
  ["reader", 0.1],
  ["anonymous", 0.1],
];
export function pickRole(g: Gen): RoleName {
  let x = g.r();
  for (const [role, w] of ROLE_WEIGHTS) if ((x -= w) < 0) return role;
  return "editor";
}
