/**
 * npm run bench:intelligence — quality and speed of reviewer help (issue 16). Prints the numbers
 * and writes them into docs/benchmarks.md between <!-- intelligence:start --> and <!-- intelligence:end -->.
 * Quality is reported on the test split only; the weights were set on the train split.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildArticleDoc, plainText } from "@/lib/articles/document";
import { parseSeedArticle } from "@/lib/articles/seed-article";
import { scoreSentence } from "../check-worthiness";
import { analyseArticleFigures, findCrossArticleConflicts } from "../cross-figures";
import { findFigureConflicts } from "../figures";
import { measureQuality, type Quality } from "../metrics";
import { suggestClaims } from "../suggest";
import { runSimilarBench } from "./similar";

const ROOT = path.resolve(import.meta.dirname, "../../..");
type Labelled = { id: string; text: string; checkWorthy: boolean; split: "train" | "test" };

const labelled: Labelled[] = readFileSync(path.join(ROOT, "lib/intelligence/fixtures/check-worthiness.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as Labelled);

// Debate-style sentences written and labelled after the weights were frozen; never tuned on.
const debate: Labelled[] = readFileSync(path.join(ROOT, "lib/intelligence/fixtures/debate-heldout.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((l) => ({ ...(JSON.parse(l) as Labelled), split: "test" as const }));

function quality(split: "train" | "test", rows: Labelled[] = labelled): Quality {
  return measureQuality(rows.filter((r) => r.split === split).map((r) => {
    const s = scoreSentence(r.text);
    return { score: s.score, predicted: s.checkWorthy, actual: r.checkWorthy };
  }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Milliseconds the CLI spent on `lines` lines after start-up, as it reports on stderr. */
function cliMilliseconds(lines: number): { ms: number; wallSeconds: number } {
  const input = Array.from({ length: lines }, (_, i) => JSON.stringify({ id: `b${i}`, text: labelled[i % labelled.length].text })).join("\n") + "\n";
  const t = performance.now();
  const run = spawnSync("npx", ["tsx", "lib/intelligence/cli.ts"], { cwd: ROOT, input, maxBuffer: 64 * 1024 * 1024, encoding: "utf8", env: { ...process.env, CHECKWORTHY_TIMING: "1" } });
  const seconds = (performance.now() - t) / 1000;
  const out = run.stdout.trim().split("\n");
  if (run.status !== 0 || out.length !== lines) throw new Error(`checkworthy CLI gave ${out.length} lines for ${lines} (status ${run.status}): ${run.stderr}`);
  const timing = /checkworthy-timing (\d+) ([\d.]+)/.exec(run.stderr);
  if (!timing || Number(timing[1]) !== lines) throw new Error(`no timing from the CLI: ${run.stderr}`);
  return { ms: Number(timing[2]), wallSeconds: seconds };
}

function article20k(): string {
  const seed = plainText(buildArticleDoc(parseSeedArticle(readFileSync(path.join(ROOT, "prisma/seed-data/al-qaryatain.txt"), "utf8"))));
  const words = seed.split(/\s+/).length;
  return Array.from({ length: Math.ceil(20_000 / words) }, (_, i) => seed.replace(/\d+/g, (d) => String(Number(d) + i))).join("\n\n");
}

async function main() {
  const startLoad = os.loadavg().map((l) => l.toFixed(1)).join(" / ");
  const train = quality("train");
  const test = quality("test");
  const heldOut = quality("test", debate);

  // In-process: the scorer alone over 10,000 sentences.
  const sentences = Array.from({ length: 10_000 }, (_, i) => labelled[i % labelled.length].text);
  scoreSentence("warm-up");
  const t0 = performance.now();
  for (const s of sentences) scoreSentence(s);
  const inProcessMs = performance.now() - t0;

  // Through the CLI, median of 3: its own time from the first line read to the last line written,
  // and the wall time of the whole run with start-up.
  const runs = [cliMilliseconds(10_000), cliMilliseconds(10_000), cliMilliseconds(10_000)];
  const cliMs = median(runs.map((r) => r.ms));
  const wall = median(runs.map((r) => r.wallSeconds));

  const text = article20k();
  const wordCount = text.split(/\s+/).length;
  const a0 = performance.now();
  const suggestions = suggestClaims(text);
  const conflicts = findFigureConflicts(text);
  const articleMs = performance.now() - a0;

  // Across articles: the other articles' figures (found once per version, then cached) and the pairing.
  const others = Array.from({ length: 50 }, (_, i) => `Report ${i} from Al-Qaryatain\n\nMonitors said ISIS executed ${40 + i} civilians in Al-Qaryatain over ${i + 2} days, the Palmyra Coordination Committee said.\n\n${text.slice(i * 400, i * 400 + 6000)}`);
  const c0 = performance.now();
  const own = analyseArticleFigures(text);
  const otherFigures = others.map((o, i) => ({ article: { slug: `o${i}`, title: `Report ${i}` }, figures: analyseArticleFigures(o) }));
  const c1 = performance.now();
  const cross = findCrossArticleConflicts(own, otherFigures);
  const crossMs = performance.now() - c1;
  const crossFirstMs = c1 - c0;

  const similar = await runSimilarBench();

  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} shared cores (${os.cpus()[0]?.model ?? "cpu"}), Node ${process.version}, while other work ran (load average at the start ${startLoad}, at the end ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")}).`,
    "",
    "**Check-worthiness** (`lib/intelligence/check-worthiness.ts`), labelled set `lib/intelligence/fixtures/check-worthiness.jsonl`:",
    `${labelled.length} sentences written and labelled by the author of the scorer (news and political speech; ${labelled.filter((r) => r.checkWorthy).length} check-worthy).`,
    "Weights were set by hand looking only at the train split; the test split was scored once at the end.",
    "",
    "| split | sentences | precision | recall | F1 | ROC AUC |",
    "|---|---|---|---|---|---|",
    `| test | ${test.n} | ${pct(test.precision)} | ${pct(test.recall)} | ${pct(test.f1)} | ${test.rocAuc.toFixed(3)} |`,
    `| train | ${train.n} | ${pct(train.precision)} | ${pct(train.recall)} | ${pct(train.f1)} | ${train.rocAuc.toFixed(3)} |`,
    `| debate-style held-out (\`fixtures/debate-heldout.jsonl\`, written after the weights were frozen, never tuned on) | ${heldOut.n} | ${pct(heldOut.precision)} | ${pct(heldOut.recall)} | ${pct(heldOut.f1)} | ${heldOut.rocAuc.toFixed(3)} |`,
    "",
    "Caveat: the set was written by the same person who wrote the features, so it is easier than real",
    "debate transcripts; expect lower numbers on a held-out set of political-debate sentences.",
    "",
    "**Speed**",
    "",
    "| what | measured | target |",
    "|---|---|---|",
    `| 10,000 sentences through \`npm run --silent checkworthy\`, start-up excluded (median of 3) | ${cliMs.toFixed(0)} ms (whole run with start-up: ${wall.toFixed(1)} s) | ≤ 2,000 ms |`,
    `| 10,000 sentences, scorer in process | ${inProcessMs.toFixed(0)} ms | |`,
    `| suggestions + disagreeing figures for a ${wordCount.toLocaleString("en")}-word article (first open; later opens of the version come from a cache) | ${articleMs.toFixed(0)} ms (${suggestions.length} suggestions, ${conflicts.length} figure pairs) | ≤ 300 ms |`,
    `| figures across articles: the 20,000-word article against 50 other articles of ~1,000 words | first open (figures of all 51 found): ${crossFirstMs.toFixed(0)} ms; later opens (pairing only, figures cached per version): ${crossMs.toFixed(1)} ms (${cross.length} pairs) | within the 300 ms above |`,
    ...similar.rows,
    "",
    "The lookup times include the service's checks (article, and at most once a second whether the published set changed);",
    "the first lookup after a change rebuilds the index. The 20,000-word article is the seed article repeated, each copy's numbers shifted by its index.",
    "Suggestions now include clause-level ones (a sentence whose clauses are scored apart when only some are worth checking).",
  ];
  const section = lines.join("\n");
  console.log(section);
  const file = path.join(ROOT, "docs/benchmarks.md");
  const doc = readFileSync(file, "utf8");
  const start = "<!-- intelligence:start -->";
  const end = "<!-- intelligence:end -->";
  const block = `${start}\n## Reviewer help: suggestions, figures, checked before (issue 16)\n\n\`npm run bench:intelligence\`\n\n${section}\n${end}`;
  const next = doc.includes(start) ? doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block) : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
