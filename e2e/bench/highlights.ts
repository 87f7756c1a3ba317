// npm run bench:highlights — the reviewer workspace with 1,000 and with 5,000 claims on the seed
// article, in Debian's Chromium against a production build. For each size: hydration (issue 17:
// from the mark instrumentation-client.ts sets before React hydrates to the workspace interactive,
// targets ≤ 250 ms at 1,000 and ≤ 600 ms at 5,000) and paint (from the editor mounted to every
// highlight painted, target ≤ 150 ms). BENCH_CLAIMS=1000,5000 picks the sizes.
import { rmSync } from "node:fs";
import os from "node:os";
import { chromium } from "playwright-core";
import { openDb } from "@/lib/db/client";
import { migratePglite } from "@/lib/db/migrate";
import { seedDatabase } from "@/lib/seed/seed";
import { median, writeBenchmarkSection } from "./benchmarks-doc";
import { generateClaims, runPrepareChild, startServer, stopServer } from "./server";

const SIZES = (process.env.BENCH_CLAIMS ?? "1000,5000").split(",").map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const DATA = ".data/bench-highlights";
const BASE = `http://127.0.0.1:${PORT}`;
const HYDRATION_TARGET: Record<number, number> = { 1000: 250, 5000: 600 };
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(", ");

async function prepareDatabase(claims: number): Promise<string> {
  rmSync(DATA, { recursive: true, force: true });
  rmSync(`${DATA}.lock`, { force: true });
  const db = await openDb(`pglite:${DATA}`);
  if (db.kind !== "pglite") throw new Error("expected PGlite");
  await migratePglite(db.pglite);
  await seedDatabase(db.prisma, { demoUsers: true });
  const slug = await generateClaims(db.prisma, claims, { publish: false });
  await db.close();
  return slug;
}

// Runs in the page before any of its scripts: timestamps for "editor mounted" and "all highlights
// painted" (the second animation frame after the last highlight appeared). A plain string, because
// a function would be compiled by tsx with helpers that do not exist in the page. Only the
// data-ready attribute is observed, and the highlights are counted once per animation frame: an
// observer of every inserted node crashed Chromium's renderer at 5,000 claims (about 200,000
// highlight elements, each mutation batch scanned).
const probe = (claims: number) => `(() => {
  const expected = ${claims};
  const bench = (window.__bench = {});
  const count = () => {
    const body = document.querySelector('[data-testid="article-body"]');
    const ids = new Set();
    for (const e of body.querySelectorAll("[data-claim-id]")) ids.add(e.getAttribute("data-claim-id"));
    bench.ids = ids.size;
    if (ids.size >= expected) requestAnimationFrame(() => requestAnimationFrame(() => (bench.painted = performance.now())));
    else requestAnimationFrame(count);
  };
  new MutationObserver(() => {
    if (bench.hydrated !== undefined || !document.querySelector('[data-testid="article-body"][data-ready="true"]')) return;
    bench.hydrated = performance.now();
    performance.mark("bench:editor-ready");
    count();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
})();`;

type Sample = { hydrationStart: number; toInteractive: number; toEditor: number; editorToPainted: number; toPainted: number; cards: number };

/** Loads the workspace RUNS + 1 times (the first warms the server and the browser cache). */
type TraceEvent = { name: string; ph: string; ts: number; dur?: number; tdur?: number; tid: number; pid: number; cat: string };

/**
 * CPU time of the page's main thread from hydration start to interactive, from a Chrome trace of
 * one more load: each task's thread time (tdur), pro-rated to the part of it inside the window. It is
 * what the load of a shared machine inflates least (wall time there includes waiting for a core).
 */
async function mainThreadCpu(page: import("playwright-core").Page, url: string): Promise<{ cpu: number; wall: number }> {
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ["disabled-by-default-devtools.timeline", "devtools.timeline", "blink.user_timing", "toplevel"] });
  await page.goto(url);
  await page.waitForFunction(() => ((window as unknown as { __bench: { painted?: number } }).__bench.painted ?? -1) > 0, null, { timeout: 120_000 });
  await page.waitForFunction(() => performance.getEntriesByName("factmark:workspace-interactive").length > 0);
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  const mark = (name: string) => traceEvents.find((e) => e.name === name && e.cat.includes("user_timing"));
  const start = mark("factmark:hydration-start");
  const ends = [mark("factmark:workspace-interactive"), mark("bench:editor-ready")];
  if (!start || ends.some((e) => !e)) throw new Error("marks missing from the trace");
  const end = Math.max(...ends.map((e) => e!.ts));
  let cpu = 0;
  for (const e of traceEvents) {
    if (e.name !== "RunTask" || e.ph !== "X" || e.pid !== start.pid || e.tid !== start.tid || !e.dur || e.tdur === undefined) continue;
    const overlap = Math.min(e.ts + e.dur, end) - Math.max(e.ts, start.ts);
    if (overlap > 0) cpu += e.tdur * (overlap / e.dur);
  }
  return { cpu: cpu / 1000, wall: (end - start.ts) / 1000 };
}

async function measure(claims: number): Promise<{ samples: Sample[]; loadBefore: string; loadAfter: string; trace: { cpu: number; wall: number } }> {
  // The database is prepared in a child process, so the PGlite folder is closed before the server opens it.
  const slug = await runPrepareChild("e2e/bench/highlights.ts", [String(claims)]);
  console.log(`Seeded ${claims} claims; starting the production server…`);
  const server = await startServer(PORT, `pglite:${DATA}`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${BASE}/login`);
    await page.getByLabel("Email").fill("reviewer@example.org");
    await page.getByLabel("Password").fill("factmark-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await page.addInitScript({ content: probe(claims) });
    const samples: Sample[] = [];
    const loadBefore = loadAverage();
    for (let run = 0; run <= RUNS; run++) {
      await page.goto(`${BASE}/articles/${slug}/review`);
      await page
        .waitForFunction(() => ((window as unknown as { __bench: { painted?: number } }).__bench.painted ?? -1) > 0, null, { timeout: 120_000 })
        .catch(async (e) => {
          await page.screenshot({ path: "test-results/bench-highlights-failure.png" });
          throw new Error(`highlights never all painted: ${JSON.stringify(await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench))}`, { cause: e });
        });
      await page.waitForFunction(() => performance.getEntriesByName("factmark:workspace-interactive").length > 0);
      // No named functions inside evaluate: tsx would wrap them in a helper the page does not have.
      const b = await page.evaluate(() => {
        const bench = (window as unknown as { __bench: { hydrated: number; painted: number; ids: number } }).__bench;
        const [start, interactive] = ["factmark:hydration-start", "factmark:workspace-interactive"].map((name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN);
        return { ...bench, start, interactive, cards: document.querySelectorAll('[data-testid="claim-card"]').length };
      });
      if (b.ids < claims) throw new Error(`only ${b.ids} of ${claims} highlights rendered`);
      if (!Number.isFinite(b.start) || !Number.isFinite(b.interactive)) throw new Error(`hydration marks missing: ${JSON.stringify(b)}`);
      // Interactive: the workspace's first effect has run (handlers attached, j/k listening) and the
      // editor has mounted, whichever is later.
      const interactive = Math.max(b.interactive, b.hydrated);
      const sample = { hydrationStart: b.start, toInteractive: interactive - b.start, toEditor: b.hydrated - b.start, editorToPainted: b.painted - b.hydrated, toPainted: b.painted, cards: b.cards };
      if (run > 0) samples.push(sample);
      else console.log(`cold load: hydration start → interactive ${sample.toInteractive.toFixed(0)} ms, painted ${b.painted.toFixed(0)} ms after navigation start`);
    }
    const loadAfter = loadAverage();
    const trace = await mainThreadCpu(page, `${BASE}/articles/${slug}/review`);
    console.log(`traced load: hydration start → interactive ${trace.wall.toFixed(0)} ms wall, ${trace.cpu.toFixed(0)} ms main-thread CPU`);
    return { samples, loadBefore, loadAfter, trace };
  } finally {
    await browser.close();
    await stopServer(server);
  }
}

async function main() {
  for (const claims of SIZES) {
    const { samples, loadBefore, loadAfter, trace } = await measure(claims);
    const row = (k: keyof Sample) => {
      const v = samples.map((s) => s[k]);
      return `${median(v).toFixed(0)} | ${Math.min(...v).toFixed(0)} | ${Math.max(...v).toFixed(0)}`;
    };
    const target = HYDRATION_TARGET[claims] ? ` (target ≤ ${HYDRATION_TARGET[claims]})` : "";
    const table = [
      "| measure (ms) | median | min | max |",
      "|---|---|---|---|",
      `| navigation start → hydration start | ${row("hydrationStart")} |`,
      `| hydration start → workspace interactive${target} | ${row("toInteractive")} |`,
      `| hydration start → editor mounted | ${row("toEditor")} |`,
      `| editor mounted → all ${claims} highlights painted (target ≤ 150) | ${row("editorToPainted")} |`,
      `| navigation start → all highlights painted | ${row("toPainted")} |`,
      `| main-thread CPU, hydration start → interactive (one traced load; wall ${trace.wall.toFixed(0)}) | ${trace.cpu.toFixed(0)} | | |`,
    ].join("\n");
    console.log(`\n${claims} claims\n${table}`);
    // One section per size, written as soon as it is measured.
    writeBenchmarkSection(
      `workspace-hydration-${claims}`,
      `## Workspace hydration and highlights, ${claims.toLocaleString("en")} claims (\`npm run bench:highlights\`, issue 17)\n\n` +
        `Measured ${new Date().toISOString().slice(0, 16)}Z on ${os.cpus().length} cores shared with other jobs: load average (1, 5, 15 min) ${loadBefore} before, ${loadAfter} after. Node ${process.version}, Debian Chromium, production build on the embedded database. ` +
        `The seed article (3,185 characters) with ${claims} generated, heavily overlapping claims of 1–8 words; reviewer workspace at 1400 × 900; median of ${RUNS} warm loads; sidebar cards in the DOM: ${samples[0].cards} (virtualised above 100 claims, docs/decisions.md). ` +
        `"Hydration start" is the performance mark instrumentation-client.ts sets before React hydrates; "interactive" is the later of the workspace's first effect (its performance mark) and the editor mounting. ` +
        `"Painted" is the second animation frame after the last highlight element appeared. The CPU row sums the renderer main thread's thread time between the two marks in a Chrome trace of one more load, which the machine's load inflates far less than wall time. Generated by e2e/bench/highlights.ts.\n\n${table}`,
    );
  }
}

const entry = process.argv.includes("--prepare") ? prepareDatabase(Number(process.argv[process.argv.indexOf("--prepare") + 1])).then((slug) => console.log(slug)) : main();
entry.catch((e) => {
  console.error(e);
  process.exit(1);
});
