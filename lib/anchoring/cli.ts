/**
 * Command-line contract of issue 3 (exactly as written there):
 *   npm run --silent anchoring -- reanchor   |   npm run --silent anchoring -- anchor
 * JSON lines on stdin, one JSON line out per line in, in order. Offsets are Unicode code points.
 * Invalid input gives {"id", "error"} for that line and the run continues. Nothing else goes to stdout.
 */
import { createInterface } from "node:readline";
import { anchorAll } from "./anchor";
import { reanchor } from "./reanchor";
import type { Selector } from "./types";
import { OffsetConverter } from "./units";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

class InputError extends Error {}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function requireString(o: Record<string, unknown>, key: string): string {
  const v = o[key];
  if (typeof v !== "string") throw new InputError(`"${key}" must be a string`);
  return v;
}

function requireInt(o: Record<string, unknown>, key: string, where: string): number {
  const v = o[key];
  if (typeof v !== "number" || !Number.isInteger(v)) throw new InputError(`${where}: "${key}" must be an integer`);
  return v;
}

function checkCodePointSpan(start: number, end: number, length: number, where: string): void {
  if (start < 0 || end > length || start > end) throw new InputError(`${where}: span [${start}, ${end}) is outside the text (${length} code points) or start > end`);
}

function handleReanchor(input: Record<string, unknown>): Json {
  const oldText = requireString(input, "oldText");
  const newText = requireString(input, "newText");
  if (!Array.isArray(input.spans)) throw new InputError(`"spans" must be an array`);
  const oldConv = new OffsetConverter(oldText);
  const newConv = new OffsetConverter(newText);
  const spans = input.spans.map((sp, i) => {
    if (!isObject(sp)) throw new InputError(`spans[${i}] must be an object`);
    const start = requireInt(sp, "start", `spans[${i}]`);
    const end = requireInt(sp, "end", `spans[${i}]`);
    checkCodePointSpan(start, end, oldConv.codePointLength, `spans[${i}]`);
    return { start: oldConv.toUtf16(start), end: oldConv.toUtf16(end) };
  });
  const results = reanchor(oldText, newText, spans).map((r): Json =>
    r.status === "moved" || r.status === "changed"
      ? { status: r.status, start: newConv.toCodePoints(r.start), end: newConv.toCodePoints(r.end) }
      : { status: r.status },
  );
  return { id: input.id as Json, results };
}

function parseSelector(s: unknown, where: string): Selector {
  if (!isObject(s)) throw new InputError(`${where} must be an object`);
  if (s.type === "TextQuoteSelector") {
    const exact = requireString(s, "exact");
    for (const k of ["prefix", "suffix"] as const) {
      if (s[k] !== undefined && typeof s[k] !== "string") throw new InputError(`${where}: "${k}" must be a string`);
    }
    return { type: "TextQuoteSelector", exact, prefix: s.prefix as string | undefined, suffix: s.suffix as string | undefined };
  }
  if (s.type === "TextPositionSelector") {
    const start = requireInt(s, "start", where);
    const end = requireInt(s, "end", where);
    if (start < 0 || start > end) throw new InputError(`${where}: TextPositionSelector needs 0 <= start <= end`);
    return { type: "TextPositionSelector", start, end };
  }
  throw new InputError(`${where}: unknown selector type ${JSON.stringify(s.type)}`);
}

function handleAnchor(input: Record<string, unknown>): Json {
  const text = requireString(input, "text");
  if (!Array.isArray(input.targets)) throw new InputError(`"targets" must be an array`);
  const targets = input.targets.map((t, i) => {
    if (!Array.isArray(t)) throw new InputError(`targets[${i}] must be an array of selectors`);
    return t.map((s, j) => parseSelector(s, `targets[${i}][${j}]`));
  });
  const conv = new OffsetConverter(text);
  // One batch per line: the targets' sure placements correct the position hints of the others (anchorAll).
  const results = anchorAll(text, targets).map((r): Json => {
    if (r.status === "anchored") return { status: r.status, start: conv.toCodePoints(r.start), end: conv.toCodePoints(r.end), score: r.score, method: r.method };
    return { status: r.status };
  });
  return { id: input.id as Json, results };
}

export function processLine(command: "anchor" | "reanchor", line: string): string {
  let id: Json = null;
  try {
    let input: unknown;
    try {
      input = JSON.parse(line);
    } catch {
      throw new InputError("invalid JSON");
    }
    if (!isObject(input)) throw new InputError("each line must be a JSON object");
    if (typeof input.id === "string" || typeof input.id === "number") id = input.id;
    if (typeof input.id !== "string") throw new InputError(`"id" must be a string`);
    return JSON.stringify(command === "reanchor" ? handleReanchor(input) : handleAnchor(input));
  } catch (err) {
    const message = err instanceof InputError || err instanceof RangeError ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`;
    return JSON.stringify({ id, error: message });
  }
}

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== "anchor" && command !== "reanchor") {
    process.stderr.write("usage: npm run --silent anchoring -- <anchor|reanchor>  (JSON lines on stdin)\n");
    process.exit(2);
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim() === "") continue;
    const out = processLine(command, line) + "\n";
    if (!process.stdout.write(out)) await new Promise((resolve) => process.stdout.once("drain", resolve));
  }
}

// Run only as a script (the tests import processLine).
if (process.argv[1] && /cli\.(ts|js|mjs)$/.test(process.argv[1])) {
  void main();
}
