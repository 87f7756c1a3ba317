// npm run bench:highlights — the reviewer workspace with 1,000 claims on the seed article, in
// Debian's Chromium against a production build: time from navigation to every highlight painted,
// and from hydration (the editor mounted) to painted. Target: ≤ 150 ms after hydration.
import { rmSync } from "node:fs";
import os from "node:os";
import { chromium } from "playwright-core";
import { openDb } from "@/lib/db/client";
import { migratePglite } from "@/lib/db/migrate";
import { seedDatabase } from "@/lib/seed/seed";
import { median, writeBenchmarkSection } from "./benchmarks-doc";
import { generateClaims, runPrepareChild, startServer, stopServer } from "./server";

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PORT = 3300;
const DATA = ".data/bench-highlights";
const BASE = `http://127.0.0.1:${PORT}`;

async function prepareDatabase(): Promise<string> {
  rmSync(DATA, { recursive: true, force: true });
  rmSync(`${DATA}.lock`, { force: true });
  const db = await openDb(`pglite:${DATA}`);
  if (db.kind !== "pglite") throw new Error("expected PGlite");
  await migratePglite(db.pglite);
  await seedDatabase(db.prisma, { demoUsers: true });
  const slug = await generateClaims(db.prisma, CLAIMS, { publish: false });
  await db.close();
  return slug;
}

// Runs in the page before any of its scripts: timestamps for "editor mounted" and "all highlights
// painted" (the second animation frame after the last highlight appeared). A plain string, because
// a function would be compiled by tsx with helpers that do not exist in the page.
const PROBE = `(() => {
  const expected = ${CLAIMS};
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

async function main() {
  // The database is prepared in a child process, so the PGlite folder is closed before the server opens it.
  const slug = await runPrepareChild("e2e/bench/highlights.ts");
  console.log(`Seeded ${CLAIMS} claims; starting the production server…`);
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
    await page.addInitScript({ content: PROBE });
    const samples: { toPainted: number; afterHydration: number; hydrated: number }[] = [];
    for (let run = 0; run <= RUNS; run++) {
      await page.goto(`${BASE}/articles/${slug}/review`);
      await page
        .waitForFunction(() => ((window as unknown as { __bench: { painted?: number } }).__bench.painted ?? -1) > 0, null, { timeout: 60_000 })
        .catch(async (e) => {
          await page.screenshot({ path: "test-results/bench-highlights-failure.png" });
          throw new Error(`highlights never all painted: ${JSON.stringify(await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench))}`, { cause: e });
        });
      const b = await page.evaluate(() => (window as unknown as { __bench: { hydrated: number; painted: number; ids: number } }).__bench);
      if (b.ids < CLAIMS) throw new Error(`only ${b.ids} of ${CLAIMS} highlights rendered`);
      // The first load warms the server and the browser cache; it is reported apart.
      if (run > 0) samples.push({ toPainted: b.painted, afterHydration: b.painted - b.hydrated, hydrated: b.hydrated });
      else console.log(`cold load: painted ${b.painted.toFixed(0)} ms after navigation start`);
    }
    const row = (k: keyof (typeof samples)[number]) => {
      const v = samples.map((s) => s[k]);
      return `${median(v).toFixed(0)} | ${Math.min(...v).toFixed(0)} | ${Math.max(...v).toFixed(0)}`;
    };
    const table = [
      "| measure (ms) | median | min | max |",
      "|---|---|---|---|",
      `| navigation start → editor hydrated | ${row("hydrated")} |`,
      `| navigation start → all ${CLAIMS} highlights painted | ${row("toPainted")} |`,
      `| hydrated → all highlights painted (target ≤ 150) | ${row("afterHydration")} |`,
    ].join("\n");
    console.log(`\n${CLAIMS} claims, ${RUNS} warm runs\n${table}`);
    writeBenchmarkSection(
      "highlights",
      `## Workspace highlights (\`npm run bench:highlights\`)\n\nMeasured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores, Node ${process.version}, Debian Chromium, production build on the embedded database. ` +
        `The seed article (3,185 characters) with ${CLAIMS} generated, heavily overlapping claims of 1–8 words; reviewer workspace; median of ${RUNS} warm loads. ` +
        `"Painted" is the second animation frame after the last highlight element appeared. Generated by e2e/bench/highlights.ts.\n\n${table}`,
    );
  } finally {
    await browser.close();
    await stopServer(server);
  }
}

const entry = process.argv.includes("--prepare") ? prepareDatabase().then((slug) => console.log(slug)) : main();
entry.catch((e) => {
  console.error(e);
  process.exit(1);
});
