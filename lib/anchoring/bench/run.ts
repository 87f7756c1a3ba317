/**
 * Anchoring benchmark (issue 3): `npm run bench:anchoring`.
 * Prints a table and writes it into docs/benchmarks.md between <!-- anchoring:start --> and <!-- anchoring:end -->,
 * leaving the rest of the file alone. Not part of the tests.
 *
 * 1. Real revisions (fixtures): correct / wrong / flagged for reanchor, anchor, a naive indexOf baseline and
 *    @apache-annotator/selector's text-quote matcher (the matcher @apache-annotator/dom wraps around DOM text
 *    nodes; we feed it the plain text as one chunk, so it is the same algorithm without a DOM).
 * 2. Scale: a ~100,000-character article built from the fixtures, 50 scattered edits, 1,000 claims (half of
 *    them 1–3-word quotes that repeat), then 10,000 and 100,000 claims. Median of several runs, cold and warm,
 *    and memory.
 */
import { fileURLToPath } from "node:url";
import { textQuoteSelectorMatcher } from "@apache-annotator/selector";
import { anchor, anchorAll } from "../anchor";
import { describe } from "../describe";
import { reanchor } from "../reanchor";
import type { Selector, TextQuoteSelector } from "../types";
import { OffsetConverter } from "../units";
import { EditTruth, judge, UniqueSentenceTruth, type Edit, type Placement, type Truth } from "../testing/ground-truth";
import { loadIterater, loadScriptPairs, loadWikipediaPairs } from "../testing/load-fixtures";
import { generateSpans, type ClaimSpan } from "../testing/spans";
import { writeBenchmarkSection } from "@/e2e/bench/benchmarks-doc";
import { mulberry32 } from "@/e2e/bench/random";


type Counts = { correct: number; wrong: number; flagged: number };
const zero = (): Counts => ({ correct: 0, wrong: 0, flagged: 0 });

export { mulberry32 };

// ---- engines: each returns a placement (UTF-16) or null for a batch of claims on one text pair ----
type Prepared = { spans: ClaimSpan[]; selectors: [TextQuoteSelector, Selector][] };
type Batch = (before: string, after: string, p: Prepared) => Promise<(Placement | null)[]>;

/** The selectors a client would store for each span of `before` (quote + position), as the CLI gets them. */
export function prepareSelectors(before: string, spans: ClaimSpan[]): [TextQuoteSelector, Selector][] {
  const conv = new OffsetConverter(before);
  return spans.map((sp) => { const d = describe(before, sp.start, sp.end, conv); return [d.quote, d.position]; });
}

function prepare(before: string, spans: ClaimSpan[]): Prepared {
  return { spans, selectors: prepareSelectors(before, spans) };
}

const engines: Record<string, Batch> = {
  "factmark reanchor": async (before, after, p) =>
    reanchor(before, after, p.spans).map((r) => (r.status === "moved" || r.status === "changed" ? { start: r.start, end: r.end } : null)),
  // Selector-only, as the CLI runs it: all targets of one text in one batch (anchorAll).
  "factmark anchor (selectors only, batch)": async (_b, after, p) =>
    anchorAll(after, p.selectors).map((r) => (r.status === "anchored" ? { start: r.start, end: r.end } : null)),
  // The same engine one claim at a time (no neighbours to correct the hint): a lone imported annotation.
  "factmark anchor (one claim at a time)": async (_b, after, p) =>
    p.selectors.map((sel) => {
      const r = anchor(after, sel);
      return r.status === "anchored" ? { start: r.start, end: r.end } : null;
    }),
  "naive indexOf(exact)": async (_b, after, p) =>
    p.selectors.map(([q]) => {
      const i = after.indexOf(q.exact);
      return i < 0 ? null : { start: i, end: i + q.exact.length };
    }),
  "apache-annotator text-quote matcher": async (_b, after, p) => {
    const chunk = { data: after };
    const chunker = { currentChunk: chunk, nextChunk: () => null, previousChunk: () => null, precedesCurrentChunk: () => false };
    const out: (Placement | null)[] = [];
    for (const [q] of p.selectors) {
      const matcher = textQuoteSelectorMatcher({ type: "TextQuoteSelector", exact: q.exact, prefix: q.prefix, suffix: q.suffix });
      let first: Placement | null = null;
      for await (const m of matcher(chunker)) {
        first = { start: m.startIndex, end: m.endIndex };
        break; // it yields every match in text order; a caller without more information takes the first
      }
      out.push(first);
    }
    return out;
  },
};

// ---- 1. real revisions ----
async function realRevisions(): Promise<string[]> {
  const iter = loadIterater();
  const vers = loadWikipediaPairs();
  const rows: string[] = [];
  for (const [name, engine] of Object.entries(engines)) {
    const un = zero();
    const to = zero();
    let ms = 0;
    for (const pair of iter) {
      const truth = new EditTruth(pair.before, pair.edits, pair.after);
      const p = prepare(pair.before, generateSpans(pair.before));
      const t0 = performance.now();
      const placed = await engine(pair.before, pair.after, p);
      ms += performance.now() - t0;
      p.spans.forEach((sp, i) => {
        const t = truth.truth(sp.start, sp.end);
        (t.untouched ? un : to)[judge(t, placed[i])]++;
      });
    }
    for (const pair of vers) {
      const truth = new UniqueSentenceTruth(pair.before, pair.after);
      const p = prepare(pair.before, generateSpans(pair.before));
      const t0 = performance.now();
      const placed = await engine(pair.before, pair.after, p);
      ms += performance.now() - t0;
      p.spans.forEach((sp, i) => {
        const ex = truth.expected(sp.start, sp.end);
        if (!ex) return;
        const t: Truth = { untouched: true, expected: ex };
        un[judge(t, placed[i])]++;
      });
    }
    const pct = (c: Counts) => ((100 * c.correct) / (c.correct + c.wrong + c.flagged)).toFixed(2);
    rows.push(`| ${name} | ${un.correct} / ${un.wrong} / ${un.flagged} (${pct(un)} %) | ${to.correct} / ${to.wrong} / ${to.flagged} | ${un.wrong + to.wrong} | ${ms.toFixed(0)} |`);
  }
  return rows;
}

/** The Arabic and Chinese pairs written for the tests (issue 13), per language. */
async function scriptRevisions(): Promise<string[]> {
  const pairs = loadScriptPairs();
  const rows: string[] = [];
  for (const language of ["ar", "zh"]) {
    for (const [name, engine] of Object.entries(engines)) {
      const un = zero();
      const to = zero();
      for (const pair of pairs.filter((p) => p.language === language)) {
        const truth = new EditTruth(pair.before, pair.edits);
        const p = prepare(pair.before, generateSpans(pair.before));
        const placed = await engine(pair.before, pair.after, p);
        p.spans.forEach((sp, i) => {
          const t = truth.truth(sp.start, sp.end);
          (t.untouched ? un : to)[judge(t, placed[i])]++;
        });
      }
      const pct = (c: Counts) => ((100 * c.correct) / (c.correct + c.wrong + c.flagged)).toFixed(2);
      rows.push(`| ${language === "ar" ? "Arabic" : "Chinese"} | ${name} | ${un.correct} / ${un.wrong} / ${un.flagged} (${pct(un)} %) | ${to.correct} / ${to.wrong} / ${to.flagged} | ${un.wrong + to.wrong} |`);
    }
  }
  return rows;
}

// ---- 2. scale ----
/**
 * A 100,000-character article from the fixture texts. Many fixtures are versions of the same document, so
 * first come sentences that share no 4-word sequence with anything already taken (≈ 68,000 characters of
 * distinct prose is all the fixtures hold); the rest is topped up with the remaining sentences (variants of
 * earlier ones, exact repeats dropped). Those near-duplicates are the hard case for selector-only anchoring.
 */
export function buildArticle(): string {
  const parts: string[] = [];
  for (const p of loadIterater()) parts.push(p.after, p.before);
  for (const v of loadWikipediaPairs()) parts.push(v.after, v.before);
  const sentences = parts.flatMap((part) => part.split(/\n+/).map((para) => para.match(/[^.!?]+[.!?]*\s*/g) ?? []));
  const shingles = new Set<string>();
  const seen = new Set<string>();
  const taken = sentences.map((para) => para.map(() => false));
  let length = 0;
  const out: string[][] = sentences.map(() => []);
  for (const pass of ["distinct", "variants"] as const) {
    sentences.forEach((para, pi) =>
      para.forEach((sent, si) => {
        if (length >= 100_000 || taken[pi][si]) return;
        const key = sent.trim();
        if (key.length < 2 || seen.has(key)) return;
        const w = key.toLowerCase().split(/\s+/);
        const sh: string[] = [];
        for (let i = 0; i + 4 <= w.length; i++) sh.push(w.slice(i, i + 4).join(" "));
        if (pass === "distinct" && sh.some((x) => shingles.has(x))) return;
        sh.forEach((x) => shingles.add(x));
        seen.add(key);
        taken[pi][si] = true;
        out[pi].push(sent);
        length += sent.length;
      }),
    );
  }
  return out
    .map((p) => p.join("").trim())
    .filter((p) => p.length > 0)
    .join("\n\n")
    .slice(0, 100_000);
}

export function scatteredEdits(text: string, n: number, rand: () => number): Edit[] {
  const words: [number, number][] = [];
  const re = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) words.push([m.index, m.index + m[0].length]);
  const edits: Edit[] = [];
  const taken: [number, number][] = [];
  while (edits.length < n) {
    const i = Math.floor(rand() * (words.length - 8));
    const kind = rand();
    const len = 1 + Math.floor(rand() * 4);
    const a = words[i][0];
    const b = words[i + len - 1][1];
    const donor = Math.floor(rand() * (words.length - 8));
    const phrase = text.slice(words[donor][0], words[donor + 1 + Math.floor(rand() * 4)][1]); // words that already occur elsewhere
    let e: Edit;
    if (kind < 0.35) e = { start: a, end: b, text: phrase };
    else if (kind < 0.6) e = { start: a, end: a, text: phrase + " " };
    else if (kind < 0.85) e = { start: a, end: words[i + len][0], text: "" };
    else e = { start: a, end: words[i][1], text: String(Math.floor(rand() * 10000)) };
    if (taken.some(([x, y]) => e.end + 50 > x && e.start < y + 50)) continue;
    taken.push([e.start, e.end]);
    edits.push(e);
  }
  return edits;
}

export function pickClaims(pool: ClaimSpan[], n: number, rand: () => number): ClaimSpan[] {
  const byKind = new Map<string, ClaimSpan[]>();
  for (const s of pool) {
    const list = byKind.get(s.kind);
    if (list) list.push(s);
    else byKind.set(s.kind, [s]);
  }
  const mix: [string, number][] = [["short", 0.5], ["number", 0.15], ["clause", 0.2], ["sentence", 0.15]];
  const out: ClaimSpan[] = [];
  for (let i = 0; i < n; i++) {
    let r = rand();
    let kind = "short";
    for (const [k, w] of mix) {
      if (r < w) { kind = k; break; }
      r -= w;
    }
    const list = byKind.get(kind) ?? pool;
    out.push(list[Math.floor(rand() * list.length)]);
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeRuns(fn: () => Promise<unknown>, runs: number): Promise<{ cold: number; warm: number; warmMin: number; warmCpu: number; heapMB: number }> {
  const h0 = process.memoryUsage().heapUsed;
  let t0 = performance.now();
  await fn();
  const cold = performance.now() - t0;
  const heapMB = Math.max(0, process.memoryUsage().heapUsed - h0) / 1e6;
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  // CPU time as well as wall time: on a machine shared with other work, wall time includes waiting for a core.
  return { cold, warm: median(times), warmMin: Math.min(...times), warmCpu: median(cpu), heapMB };
}

async function scale(): Promise<{ rows: string[]; info: string }> {
  const rand = mulberry32(20240603);
  const before = buildArticle();
  const edits = scatteredEdits(before, 50, rand);
  const truth = new EditTruth(before, edits);
  const after = truth.newText;
  const pool = generateSpans(before, { shortStride: 1 });
  const rows: string[] = [];
  const shortRepeats = pool.filter((s) => s.kind === "short").map((s) => before.split(before.slice(s.start, s.end)).length - 1);
  const info = `article ${before.length.toLocaleString("en")} chars → ${after.length.toLocaleString("en")} after 50 scattered edits (replace/insert words copied from elsewhere in the article, delete, change a number); claims: 50 % 1–3-word quotes (median ${median(shortRepeats)} exact occurrences each in the article), 15 % numbers with their noun, 20 % clauses, 15 % sentences`;
  for (const n of [1_000, 10_000, 100_000]) {
    const claims = pickClaims(pool, n, rand);
    const p = prepare(before, claims);
    for (const [name, engine] of Object.entries(engines)) {
      if (name.startsWith("apache") && n > 10_000) {
        rows.push(`| ${n.toLocaleString("en")} | ${name} | – | – | – | – | – | – | skipped (linear extrapolation of the 10k run) |`);
        continue;
      }
      const runs = n >= 100_000 ? 3 : 7;
      let placed: (Placement | null)[] = [];
      const t = await timeRuns(async () => { placed = await engine(before, after, p); }, runs);
      const c = zero();
      const untouched = zero();
      claims.forEach((sp, i) => {
        const tr = truth.truth(sp.start, sp.end);
        const outcome = judge(tr, placed[i]);
        c[outcome]++;
        if (tr.untouched) untouched[outcome]++;
      });
      const untouchedPct = ((100 * untouched.correct) / (untouched.correct + untouched.wrong + untouched.flagged)).toFixed(2);
      rows.push(`| ${n.toLocaleString("en")} | ${name} | ${c.correct} / ${c.wrong} / ${c.flagged} | ${untouchedPct} % | ${t.cold.toFixed(0)} | ${t.warm.toFixed(0)} | ${t.warmMin.toFixed(0)} | ${t.warmCpu.toFixed(0)} | ${t.heapMB.toFixed(1)} |`);
      process.stderr.write(`scale ${n} ${name}: warm ${t.warm.toFixed(0)} ms\n`);
    }
  }
  return { rows, info };
}

/**
 * How time grows with the text: 1,000 claims (same mix) on the first 12,500 / 25,000 / 50,000 / 100,000
 * characters of the article, with 50 edits per 100,000 characters. Warm median of 5 runs.
 */
async function textLength(): Promise<string[]> {
  const full = buildArticle();
  const rows: string[] = [];
  for (const length of [12_500, 25_000, 50_000, 100_000]) {
    const rand = mulberry32(20261202);
    const before = full.slice(0, length);
    const edits = scatteredEdits(before, Math.max(5, Math.round((50 * length) / 100_000)), rand);
    const truth = new EditTruth(before, edits);
    const after = truth.newText;
    const claims = pickClaims(generateSpans(before, { shortStride: 1 }), 1_000, rand);
    const p = prepare(before, claims);
    const cells: string[] = [];
    for (const name of ["factmark reanchor", "factmark anchor (selectors only, batch)"]) {
      let placed: (Placement | null)[] = [];
      const t = await timeRuns(async () => { placed = await engines[name](before, after, p); }, 5);
      const c = zero();
      claims.forEach((sp, i) => c[judge(truth.truth(sp.start, sp.end), placed[i])]++);
      cells.push(`${c.correct} / ${c.wrong} / ${c.flagged}`, t.warm.toFixed(0));
    }
    rows.push(`| ${length.toLocaleString("en")} | ${cells.join(" | ")} |`);
    process.stderr.write(`text length ${length}: ${cells.join(" ")}\n`);
  }
  return rows;
}

/**
 * The same bench before issue 13 (2026-11-29, same machine, same article, seed and claims; from the
 * version of this file at that date), kept so that every run shows old and new side by side.
 */
const BEFORE_ISSUE_13 = [
  "| real revisions, untouched | 9008 / 0 / 0 (100.00 %) | 8921 / 0 / 87 (99.03 %) |",
  "| real revisions, touched | 431 / 0 / 218 | 163 / 0 / 486 |",
  "| 1,000 claims | 997 / 0 / 3, 51 ms | 740 / 0 / 260, 158 ms |",
  "| 10,000 claims | 9958 / 0 / 42, 140 ms | 7306 / 0 / 2694, 2,590 ms |",
  "| 100,000 claims | 99656 / 0 / 344, 2,556 ms | 73908 / 0 / 26092, 29,886 ms |",
];

/** The numbers of issue 13's first round (docs/benchmarks.md of 2026-12-02), kept beside the new ones. */
const ROUND_ONE = [
  "| real revisions, untouched | 8928 / 0 / 80 (99.11 %) |",
  "| real revisions, touched | 163 / 0 / 487 |",
  "| Arabic, untouched | 282 / 0 / 5 (98.26 %) |",
  "| Chinese, untouched | 340 / 0 / 11 (96.87 %) |",
  "| 1,000 claims | 970 / 0 / 30 (98.47 %), 55 ms (23 ms) |",
  "| 10,000 claims | 9690 / 0 / 310 (98.28 %), 658 ms (222 ms) |",
  "| 100,000 claims | 97146 / 0 / 2854 (98.47 %), 4,272 ms (2,099 ms) |",
];

/**
 * Round two's starting point (main on 2026-12-05, before the moved-passage and side-certified rules and the
 * hashed text index), measured with bench/quick.ts: untouched claims only, correct / wrong / flagged.
 */
const BEFORE_ROUND_TWO = [
  "| real revisions, untouched | 8977 / 0 / 31 (99.66 %) |",
  "| Arabic, untouched | 282 / 0 / 5 (98.26 %) |",
  "| Chinese, untouched | 341 / 0 / 10 (97.15 %) |",
  "| 1,000 claims, untouched | 971 / 0 / 8 (99.18 %), 12–64 ms CPU |",
  "| 10,000 claims, untouched | 9771 / 0 / 30 (99.69 %), 124–174 ms CPU |",
  "| 100,000 claims, untouched | 98071 / 0 / 63 (99.94 %), 1.1–1.7 s CPU |",
];

async function main(): Promise<void> {
  const started = new Date().toISOString().slice(0, 10);
  const os = await import("node:os");
  const load = os.loadavg()[0].toFixed(1);
  process.stderr.write("real revisions…\n");
  const real = await realRevisions();
  process.stderr.write("Arabic and Chinese…\n");
  const scripts = await scriptRevisions();
  process.stderr.write("text length…\n");
  const lengths = await textLength();
  process.stderr.write("scale…\n");
  const { rows, info } = await scale();
  const md = [
    "## Anchoring (`npm run bench:anchoring`)",
    "",
    `Measured ${started}, Node ${process.version}, ${os.cpus().length} cores shared with other work (load average ${load} at the start). Generated by lib/anchoring/bench/run.ts; do not edit by hand.`,
    "",
    "### Real revisions (fixtures: 24 IteraTeR pairs with edit lists + 18 Wikipedia version pairs)",
    "",
    "correct / wrong / flagged. *Untouched* = no edit touched the claim's characters (for Wikipedia versions: claims inside a sentence that occurs exactly once in both versions). *Touched* = an edit changed the claim (IteraTeR only); a placement there is correct if unedited boundaries are exact and edited ones fall inside the edit. Flagged = needs-recheck or orphaned (or not found).",
    "",
    "| engine | untouched | touched | wrong total | time (ms) |",
    "|---|---|---|---|---|",
    ...real,
    "",
    "### Scale: 1,000 / 10,000 / 100,000 claims on a 100,000-character article after 50 scattered edits",
    "",
    info + ".",
    "",
    "Times exclude process start-up and selector construction (`describe`). Cold = first call in the process; warm = median of 7 runs (3 at 100k), min = the fastest of them (the least disturbed by other work on a shared machine); CPU = process.cpuUsage of the run. Heap = heap growth during the cold run (approximate, no forced GC). `reanchor` time includes the diff of the two versions.",
    "",
    "| claims | engine | correct / wrong / flagged | untouched placed | cold (ms) | warm median (ms) | warm min (ms) | warm CPU, median (ms) | heap (MB) |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    "Targets: issue 3, ≤ 250 ms for 1,000 claims, both engines, wrong = 0; issue 13, `anchor` ≤ 100 ms warm for 1,000 claims and ≤ 3 s for 100,000, ≥ 99.5 % of untouched claims placed, wrong = 0.",
    "",
    "### Arabic and Chinese revisions (pairs written for the tests, edit lists as ground truth)",
    "",
    "| language | engine | untouched | touched | wrong total |",
    "|---|---|---|---|---|",
    ...scripts,
    "",
    "### Time against text length: 1,000 claims on the first N characters of the article (50 edits per 100,000 characters)",
    "",
    "| characters | reanchor correct / wrong / flagged | reanchor warm (ms) | anchor correct / wrong / flagged | anchor warm (ms) |",
    "|---|---|---|---|---|",
    ...lengths,
    "",
    "### Before issue 13 (2026-11-29, same bench; correct / wrong / flagged, warm time)",
    "",
    "| case | factmark reanchor | factmark anchor (selectors only) |",
    "|---|---|---|",
    ...BEFORE_ISSUE_13,
    "",
    "### Issue 13, round one (2026-12-02, same bench; `anchor` one claim at a time, before `anchorAll`)",
    "",
    "| case | factmark anchor: correct / wrong / flagged (untouched placed), warm median (CPU) |",
    "|---|---|",
    ...ROUND_ONE,
    "",
    "### Issue 13, round two's starting point (2026-12-05, `anchorAll` before the moved-passage and side-certified rules)",
    "",
    "| case | factmark anchor (batch): untouched correct / wrong / flagged, CPU |",
    "|---|---|",
    ...BEFORE_ROUND_TWO,
  ].join("\n");
  console.log(md);
  writeBenchmarkSection("anchoring", md);
}

// Run only when executed (`npm run bench:anchoring`), not when imported by a diagnostic script.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
