/**
 * Quick evaluator run for working on the engine (not the benchmark of record, which is `npm run
 * bench:anchoring`): `npx tsx lib/anchoring/bench/quick.ts [fixtures] [scripts] [scale] [wrong]`.
 * Prints, for selector-only `anchorAll`, the untouched-placed rate and the wrong count on the real fixtures,
 * the Arabic and Chinese pairs and the scale benchmark (the same article, seed and claims as bench/run.ts),
 * with the CPU time of each scale run. `wrong` also lists the wrong and flagged untouched cases.
 */
import { anchorAll } from "../anchor";
import { EditTruth, judge } from "../testing/ground-truth";
import { anchorEngine, evaluateIterater, evaluateVersions, type Counts } from "../testing/evaluate";
import { loadIterater, loadScriptPairs, loadWikipediaPairs } from "../testing/load-fixtures";
import { generateSpans } from "../testing/spans";
import { MapTextIndex } from "../testing/map-text-index";
import { TextIndex } from "../text-index";
import { buildArticle, mulberry32, pickClaims, prepareSelectors, scatteredEdits } from "./run";

const args = new Set(process.argv.slice(2));
const all = args.size === 0 || (args.size === 1 && args.has("wrong"));
const listCases = args.has("wrong");

function rate(c: Counts): string {
  return `${c.correct} / ${c.wrong} / ${c.flagged} (${((100 * c.correct) / Math.max(1, c.total)).toFixed(2)} %)`;
}

if (all || args.has("fixtures")) {
  const c0 = process.cpuUsage();
  const t = evaluateVersions(loadWikipediaPairs(), anchorEngine, evaluateIterater(loadIterater(), anchorEngine));
  const c = process.cpuUsage(c0);
  console.log(`fixtures  untouched ${rate(t.untouched)}  touched ${rate(t.touched)}  wrong ${t.all.wrong}  cpu ${((c.user + c.system) / 1000).toFixed(0)} ms`);
  if (listCases || t.all.wrong > 0) for (const w of t.wrongCases) console.log("  WRONG " + w);
}

if (all || args.has("scripts")) {
  const pairs = loadScriptPairs();
  for (const language of ["ar", "zh"]) {
    const t = evaluateIterater(pairs.filter((p) => p.language === language), anchorEngine);
    console.log(`${language}        untouched ${rate(t.untouched)}  touched ${rate(t.touched)}  wrong ${t.all.wrong}`);
    if (listCases || t.all.wrong > 0) for (const w of t.wrongCases) console.log("  WRONG " + w);
  }
}

if (all || args.has("scale")) {
  const seed = Number(process.env.SEED ?? 20240603);
  const rand = mulberry32(seed);
  const before = buildArticle();
  const edits = scatteredEdits(before, 50, rand);
  const truth = new EditTruth(before, edits);
  const after = truth.newText;
  const pool = generateSpans(before, { shortStride: 1 });
  for (const n of [1_000, 10_000, 100_000]) {
    const claims = pickClaims(pool, n, rand);
    const selectors = prepareSelectors(before, claims);
    const runs = n >= 100_000 ? 2 : 5;
    const cpus: number[] = [];
    const walls: number[] = [];
    let results = anchorAll(after, selectors);
    for (let r = 0; r < runs; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      results = anchorAll(after, selectors);
      walls.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpus.push((c.user + c.system) / 1000);
    }
    const un = { correct: 0, wrong: 0, flagged: 0, total: 0 };
    let wrong = 0;
    const cases: string[] = [];
    claims.forEach((sp, i) => {
      const tr = truth.truth(sp.start, sp.end);
      const r = results[i];
      const placed = r.status === "anchored" ? { start: r.start, end: r.end } : null;
      const o = judge(tr, placed);
      if (o === "wrong") {
        wrong++;
        cases.push(`  WRONG ${JSON.stringify(before.slice(sp.start, sp.end))} @${sp.start} → ${JSON.stringify(placed && after.slice(placed.start, placed.end))} ${JSON.stringify(placed)} truth ${JSON.stringify(tr)}`);
      }
      if (tr.untouched) {
        un[o]++;
        un.total++;
        if (o === "flagged" && listCases && cases.length < 200 && tr.untouched) {
          const ex = tr.expected;
          cases.push(`  flagged ${JSON.stringify(before.slice(sp.start, sp.end))} @${sp.start}→${ex.start}\n     before: ${JSON.stringify(before.slice(Math.max(0, sp.start - 70), sp.end + 70))}\n     after:  ${JSON.stringify(after.slice(Math.max(0, ex.start - 70), ex.end + 70))}`);
        }
      }
    });
    cpus.sort((a, b) => a - b);
    walls.sort((a, b) => a - b);
    const distinct = new Set(selectors.map((s) => JSON.stringify(s))).size;
    console.log(`scale ${n}  untouched ${rate(un)}  wrong ${wrong}  cpu median ${cpus[cpus.length >> 1].toFixed(0)} ms  wall median ${walls[walls.length >> 1].toFixed(0)} ms  (distinct claims ${distinct})`);
    if (listCases || wrong > 0) for (const w of new Set(cases)) console.log(w);
  }
}

/** `flagged`: every flagged untouched claim of the edit-list fixtures (IteraTeR, Arabic, Chinese), with its surroundings. */
if (args.has("flagged")) {
  const pairs = [...loadIterater().map((p) => ({ ...p, language: "en" })), ...loadScriptPairs()];
  for (const p of pairs) {
    const truth = new EditTruth(p.before, p.edits, "language" in p && p.language === "en" ? p.after : undefined);
    const spans = generateSpans(p.before);
    const placed = anchorEngine(p.before, p.after, spans);
    spans.forEach((sp, i) => {
      const t = truth.truth(sp.start, sp.end);
      if (!t.untouched || judge(t, placed[i]) !== "flagged") return;
      const ex = t.expected;
      console.log(`${p.id} ${sp.kind} ${JSON.stringify(p.before.slice(sp.start, sp.end))} @${sp.start}→${ex.start}\n   before: ${JSON.stringify(p.before.slice(Math.max(0, sp.start - 60), sp.end + 60))}\n   after:  ${JSON.stringify(p.after.slice(Math.max(0, ex.start - 60), ex.end + 60))}`);
    });
  }
}

/**
 * `index`: time to build the text index of a 20,000-word text (the embed's page, issue 14), hashed (now) and
 * Map of substrings (before), with one lookup each so that the lazy build runs. Median of 7 builds, CPU time.
 */
if (args.has("index")) {
  const article = buildArticle();
  let text = article;
  while (text.split(/\s+/).length < 20_000) text += "\n\n" + article;
  const words = text.split(/\s+/).slice(0, 20_000);
  text = words.join(" ");
  const time = (build: () => void): string => {
    const cpus: number[] = [];
    let cold = 0;
    for (let r = 0; r < 8; r++) {
      const c0 = process.cpuUsage();
      build();
      const c = process.cpuUsage(c0);
      if (r > 0) cpus.push((c.user + c.system) / 1000);
      else cold = (c.user + c.system) / 1000;
    }
    cpus.sort((a, b) => a - b);
    return `${cold.toFixed(1)} ms cold, ${cpus[cpus.length >> 1].toFixed(1)} ms warm`;
  };
  // Each kind first in its own process run (`index map` / `index`), so that "cold" is a first call.
  const kinds = args.has("map") ? ["map", "hashed"] : ["hashed", "map"];
  for (const kind of kinds) {
    const t = time(() => void (kind === "map" ? new MapTextIndex(text).find("national spirit") : new TextIndex(text).find("national spirit")));
    console.log(`index of 20,000 words (${text.length.toLocaleString("en")} characters), ${kind}: ${t} (CPU; warm = median of 7)`);
  }
}

/**
 * `distinct`: the scale article with every distinct claim of the pool once (no repeats for the deduplication of
 * identical targets to save), in the benchmark's mix order, for an honest per-claim cost.
 */
if (args.has("distinct")) {
  const rand = mulberry32(20240603);
  const before = buildArticle();
  const truth = new EditTruth(before, scatteredEdits(before, 50, rand));
  const after = truth.newText;
  const pool = generateSpans(before, { shortStride: 1 });
  const selectors = prepareSelectors(before, pool);
  anchorAll(after, selectors);
  const cpus: number[] = [];
  const walls: number[] = [];
  let results = anchorAll(after, selectors);
  for (let r = 0; r < 3; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    results = anchorAll(after, selectors);
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  const un = { correct: 0, wrong: 0, flagged: 0, total: 0 };
  let wrong = 0;
  pool.forEach((sp, i) => {
    const tr = truth.truth(sp.start, sp.end);
    const o = judge(tr, results[i].status === "anchored" ? results[i] : null);
    if (o === "wrong") wrong++;
    if (tr.untouched) {
      un[o]++;
      un.total++;
    }
  });
  cpus.sort((a, b) => a - b);
  walls.sort((a, b) => a - b);
  console.log(`distinct ${pool.length} claims  untouched ${rate(un)}  wrong ${wrong}  cpu median ${cpus[1].toFixed(0)} ms  wall median ${walls[1].toFixed(0)} ms`);
}
