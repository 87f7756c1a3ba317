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
// a function would be compiled by tsx with helpers that do not exist in the page.
const probe = (claims: number) => `(() => {
  const expected = ${claims};
  const bench = (window.__bench = {});
  const check = () => {
    const body = document.querySelector('[data-testid="article-body"][data-ready="true"]');
    if (body && bench.hydrated === undefined) bench.hydrated = performance.now();
    if (!body || bench.painted !== undefined) return;
    const ids = new Set([...body.querySelectorAll("[data-claim-id]")].map((e) => e.getAttribute("data-claim-id")));
    bench.ids = ids.size;
    if (ids.size >= expected) {
      bench.painted = -1;
      requestAnimationFrame(() => requestAnimationFrame(() => (bench.painted = performance.now())));
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-ready"] });
})();`;

type Sample = { hydrationStart: number; toInteractive: number; toEditor: number; editorToPainted: number; toPainted: number; cards: number };

/** Loads the workspace RUNS + 1 times (the first warms the server and the browser cache). */
async function measure(claims: number): Promise<{ samples: Sample[]; loadBefore: string; loadAfter: string }> {
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
    return { samples, loadBefore, loadAfter: loadAverage() };
  } finally {
    await browser.close();
    await stopServer(server);
  }
}

async function main() {
  const sections: string[] = [];
  for (const claims of SIZES) {
    const { samples, loadBefore, loadAfter } = await measure(claims);
    const row = (k: keyof Sample) => {
      const v = samples.map((s) => s[k]);
      return `${median(v).toFixed(0)} | ${Math.min(...v).toFixed(0)} | ${Math.max(...v).toFixed(0)}`;
    };
    const target = HYDRATION_TARGET[claims] ? ` (target ≤ ${HYDRATION_TARGET[claims]})` : "";
    const table = [
      `**${claims} claims** — load average (1, 5, 15 min) ${loadBefore} before, ${loadAfter} after; sidebar cards in the DOM: ${samples[0].cards}`,
      "",
      "| measure (ms) | median | min | max |",
      "|---|---|---|---|",
      `| navigation start → hydration start | ${row("hydrationStart")} |`,
      `| hydration start → workspace interactive${target} | ${row("toInteractive")} |`,
      `| hydration start → editor mounted | ${row("toEditor")} |`,
      `| editor mounted → all ${claims} highlights painted (target ≤ 150) | ${row("editorToPainted")} |`,
      `| navigation start → all highlights painted | ${row("toPainted")} |`,
    ].join("\n");
    console.log(`\n${table}`);
    sections.push(table);
  }
  writeBenchmarkSection(
    "workspace-hydration",
    `## Workspace hydration and highlights at 1,000 and 5,000 claims (\`npm run bench:highlights\`, issue 17)\n\nMeasured ${new Date().toISOString()} on ${os.cpus().length} cores (shared with other jobs; load averages per size below), Node ${process.version}, Debian Chromium, production build on the embedded database. ` +
      `The seed article (3,185 characters) with generated, heavily overlapping claims of 1–8 words; reviewer workspace at 1400 × 900; median of ${RUNS} warm loads. ` +
      `"Hydration start" is the performance mark instrumentation-client.ts sets before React hydrates; "interactive" is the later of the workspace's first effect (its performance mark) and the editor mounting. ` +
      `"Painted" is the second animation frame after the last highlight element appeared. Generated by e2e/bench/highlights.ts; the sidebar is virtualised above 100 claims (docs/decisions.md).\n\n${sections.join("\n\n")}`,
  );
}

const entry = process.argv.includes("--prepare") ? prepareDatabase(Number(process.argv[process.argv.indexOf("--prepare") + 1])).then((slug) => console.log(slug)) : main();
entry.catch((e) => {
  console.error(e);
  process.exit(1);
});
