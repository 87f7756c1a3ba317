// npm run bench:highlights — the reviewer workspace with 1,000 claims on the seed article, in
// Debian's Chromium against a production build: time from navigation to every highlight painted,
// and from hydration (the editor mounted) to painted. Target: ≤ 150 ms after hydration.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import { chromium } from "playwright-core";
import { describe as describeSpan } from "@/lib/anchoring";
import { openDb } from "@/lib/db/client";
import { migratePglite } from "@/lib/db/migrate";
import { seedDatabase } from "@/lib/seed/seed";
import { VERDICTS } from "@/lib/verdicts";
import { median, writeBenchmarkSection } from "./benchmarks-doc";

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PORT = 3300;
const DATA = ".data/bench-highlights";
const BASE = `http://127.0.0.1:${PORT}`;

/** Deterministic pseudo-random numbers, so every run measures the same claims. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

async function prepareDatabase(): Promise<string> {
  rmSync(DATA, { recursive: true, force: true });
  rmSync(`${DATA}.lock`, { force: true });
  const db = await openDb(`pglite:${DATA}`);
  if (db.kind !== "pglite") throw new Error("expected PGlite");
  await migratePglite(db.pglite);
  await seedDatabase(db.prisma, { demoUsers: true });
  const article = await db.prisma.article.findFirstOrThrow({ include: { versions: true } });
  const version = article.versions[0];
  const users = await db.prisma.user.findMany({ where: { role: { in: ["REVIEWER", "EDITOR"] } } });
  const text = version.plainText;
  // Word boundaries of the body, so claims cover whole words (1–8 of them), overlapping freely.
  const words = [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  const random = rng(42);
  const rows = [];
  for (let i = 0; i < CLAIMS; i++) {
    const first = Math.floor(random() * (words.length - 8));
    const last = first + Math.floor(random() * 8);
    const { start } = words[first];
    const { end } = words[last];
    const d = describeSpan(text, start, end);
    const author = users[i % users.length];
    rows.push({
      articleId: article.id,
      articleVersionId: version.id,
      selectors: [d.quote, d.position],
      quote: text.slice(start, end),
      verdict: VERDICTS[i % VERDICTS.length],
      explanation: `Generated claim ${i} for the highlight benchmark.`,
      authorId: author.id,
      updatedById: author.id,
    });
  }
  await db.prisma.claim.createMany({ data: rows });
  await db.close();
  return article.slug;
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.on("close", () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

async function startServer(): Promise<ChildProcess> {
  if (await answers(`${BASE}/login`)) throw new Error(`Port ${PORT} is already in use; stop whatever serves ${BASE} first.`);
  const server = spawn("node", ["lib/cli/start.mjs"], {
    env: { ...process.env, PORT: String(PORT), DATABASE_URL: `pglite:${DATA}`, FACTMARK_DEMO: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  server.stdout?.on("data", (d) => (log += d));
  server.stderr?.on("data", (d) => (log += d));
  for (let i = 0; i < 600; i++) {
    if (await answers(`${BASE}/login`)) return server;
    if (server.exitCode !== null) throw new Error(`server exited:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not start:\n${log}`);
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

// The database is prepared in a child process, so the PGlite folder is closed and unlocked before
// the server opens it.
function prepareInChild(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "e2e/bench/highlights.ts", "--prepare"], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout?.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(out.trim().split("\n").pop()!) : reject(new Error(`preparing the database failed (${code})`))));
  });
}

async function main() {
  const slug = await prepareInChild();
  console.log(`Seeded ${CLAIMS} claims; starting the production server…`);
  const server = await startServer();
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
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
  }
}

const entry = process.argv.includes("--prepare") ? prepareDatabase().then((slug) => console.log(slug)) : main();
entry.catch((e) => {
  console.error(e);
  process.exit(1);
});
