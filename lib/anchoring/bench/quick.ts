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
        if (o === "flagged" && listCases && cases.length < 200) cases.push(`  flagged ${JSON.stringify(before.slice(sp.start, sp.end))} @${sp.start} truth ${JSON.stringify(tr)}`);
      }
    });
    cpus.sort((a, b) => a - b);
    walls.sort((a, b) => a - b);
    const distinct = new Set(selectors.map((s) => JSON.stringify(s))).size;
    console.log(`scale ${n}  untouched ${rate(un)}  wrong ${wrong}  cpu median ${cpus[cpus.length >> 1].toFixed(0)} ms  wall median ${walls[walls.length >> 1].toFixed(0)} ms  (distinct claims ${distinct})`);
    if (listCases || wrong > 0) for (const w of new Set(cases)) console.log(w);
  }
}
