// npm run bench:reader — the public article page with 200 published checks, on a production build,
// on the embedded database and on PostgreSQL: time to first byte at 1 connection, and requests
// per second at 1 and 50 connections (autocannon), beside a bare node:http server returning the
// same HTML from memory (the ceiling). Target: p50 TTFB ≤ 50 ms at 1 connection.
// Issue 21 rows: 304 throughput (If-None-Match), transferred bytes identity/gzip/brotli for the
// page and /claimreview.json, and the first request after a change (readerRevision bumped).
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import autocannon from "autocannon";
import pg from "pg";
import { openDb } from "@/lib/db/client";
import { migratePglite } from "@/lib/db/migrate";
import { seedDatabase } from "@/lib/seed/seed";
import { median, writeBenchmarkSection } from "./benchmarks-doc";
import { generateClaims, runPrepareChild, startServer, stopServer } from "./server";

const CLAIMS = 200;
const PORT = Number(process.env.BENCH_PORT ?? 3301);
const CEILING_PORT = PORT + 1;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const TTFB_SAMPLES = 200;
const PGLITE_DIR = ".data/bench-reader";
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function prepare(url: string): Promise<string> {
  const db = await openDb(url);
  if (db.kind === "pglite") await migratePglite(db.pglite);
  await seedDatabase(db.prisma, { demoUsers: true });
  const slug = await generateClaims(db.prisma, CLAIMS, { publish: true });
  await db.close();
  return slug;
}

/** Time to first byte of `samples` sequential GETs, in ms; `before` runs before each, untimed. */
function ttfb(url: string, samples: number, before: () => Promise<unknown> = async () => {}): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const out: number[] = [];
    const one = async () => {
      await before();
      const t0 = performance.now();
      const req = http.get(url, (res) => {
        res.once("data", () => out.push(performance.now() - t0));
        res.on("end", () => (out.length >= samples ? resolve(out) : one().catch(reject)));
        res.resume();
      });
      req.on("error", reject);
    };
    one().catch(reject);
  });
}

/** Status, headers and the bytes on the wire (not decoded) of one GET with `headers`. */
function fetchRaw(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: number }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      let bytes = 0;
      res.on("data", (d: Buffer) => (bytes += d.length));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
    }).on("error", reject);
  });
}

type Extra = { target: string; rps304: number; p50At50of304: number; non304: number; sizes: string };

/** 304 throughput at 50 connections, and the transferred size of the page and the feed per encoding. */
async function measureExtra(target: string, base: string, path: string): Promise<Extra> {
  const page = await fetchRaw(`${base}${path}`);
  const etag = String(page.headers.etag ?? "");
  const run = await autocannon({ url: `${base}${path}`, connections: 50, duration: DURATION, headers: { "if-none-match": etag } });
  const counts = run as unknown as Record<string, number>;
  const sizes: string[] = [];
  for (const [name, p] of [["page", path], ["feed", "/claimreview.json"]] as const) {
    const per = [];
    for (const enc of ["identity", "gzip", "br"]) {
      const r = await fetchRaw(`${base}${p}`, { "accept-encoding": enc });
      per.push(`${enc} ${(r.bytes / 1024).toFixed(1)} KiB${r.headers["content-encoding"] && r.headers["content-encoding"] !== enc ? ` (sent ${r.headers["content-encoding"]})` : enc !== "identity" && !r.headers["content-encoding"] ? " (sent identity)" : ""}`);
    }
    sizes.push(`${name}: ${per.join(", ")}`);
  }
  return { target, rps304: run.requests.average, p50At50of304: run.latency.p50, non304: run.requests.total - (counts["3xx"] ?? 0) + run.errors, sizes: sizes.join("; ") };
}

function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve(body));
    }).on("error", reject);
  });
}

type Row = { target: string; ttfbP50: number; ttfbP90: number; rps1: number; rps50: number; p50At50: number; errors: number };

async function measure(target: string, url: string): Promise<Row> {
  await ttfb(url, 20); // warm-up
  const samples = await ttfb(url, TTFB_SAMPLES);
  const sorted = [...samples].sort((a, b) => a - b);
  const one = await autocannon({ url, connections: 1, duration: DURATION });
  const fifty = await autocannon({ url, connections: 50, duration: DURATION });
  return {
    target,
    ttfbP50: median(samples),
    ttfbP90: sorted[Math.floor(sorted.length * 0.9)],
    rps1: one.requests.average,
    rps50: fifty.requests.average,
    p50At50: fifty.latency.p50,
    errors: one.errors + one.non2xx + fifty.errors + fifty.non2xx,
  };
}

async function main() {
  const rows: Row[] = [];
  const extras: Extra[] = [];
  let coldP50 = 0;
  let coldP90 = 0;
  let html = "";
  let path = "";

  // Embedded database.
  rmSync(PGLITE_DIR, { recursive: true, force: true });
  rmSync(`${PGLITE_DIR}.lock`, { force: true });
  const slug = await runPrepareChild("e2e/bench/reader.ts", [`pglite:${PGLITE_DIR}`]);
  path = `/articles/${slug}`;
  let server = await startServer(PORT, `pglite:${PGLITE_DIR}`);
  try {
    html = await fetchText(`http://127.0.0.1:${PORT}${path}`);
    const marks = (html.match(/<mark /g) ?? []).length;
    console.log(`article page: ${(html.length / 1024).toFixed(0)} KiB of HTML, ${marks} <mark> elements, ${(html.match(/application\/ld\+json/g) ?? []).length} ClaimReview scripts`);
    rows.push(await measure("Factmark, embedded PGlite", `http://127.0.0.1:${PORT}${path}`));
    extras.push(await measureExtra("Factmark, embedded PGlite", `http://127.0.0.1:${PORT}`, path));
  } finally {
    await stopServer(server);
  }

  // PostgreSQL: a throwaway database, migrated with the real CLI.
  const name = `factmark_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const pgUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  try {
    execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: pgUrl }, stdio: "ignore" });
    await runPrepareChild("e2e/bench/reader.ts", [pgUrl]);
    server = await startServer(PORT, pgUrl, { NEXTAUTH_SECRET: "bench-only-secret-0123456789abcdef" });
    try {
      rows.push(await measure("Factmark, PostgreSQL", `http://127.0.0.1:${PORT}${path}`));
      extras.push(await measureExtra("Factmark, PostgreSQL", `http://127.0.0.1:${PORT}`, path));
      // The same page when every request follows a change (what the first reader after a publish
      // gets): the article's readerRevision is bumped before each request, so nothing is reused.
      const writer = new pg.Client({ connectionString: pgUrl });
      await writer.connect();
      try {
        const bump = () => writer.query(`UPDATE "Article" SET "readerRevision" = "readerRevision" + 1`);
        const samples = await ttfb(`http://127.0.0.1:${PORT}${path}`, TTFB_SAMPLES, bump);
        coldP50 = median(samples);
        coldP90 = [...samples].sort((a, b) => a - b)[Math.floor(samples.length * 0.9)];
      } finally {
        await writer.end();
      }
    } finally {
      await stopServer(server);
    }
  } finally {
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  }

  // The ceiling: the same bytes from memory, as a Buffer (a string would be encoded again for
  // every request, which handicapped the ceiling in runs before 2026-12-05).
  const bytes = Buffer.from(html, "utf8");
  const ceiling = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": String(bytes.length) });
    res.end(bytes);
  });
  await new Promise<void>((r) => ceiling.listen(CEILING_PORT, "127.0.0.1", r));
  try {
    rows.push(await measure("bare node:http, same HTML from memory (ceiling)", `http://127.0.0.1:${CEILING_PORT}/`));
  } finally {
    ceiling.close();
  }

  const top = rows[rows.length - 1];
  const table = [
    "| target | TTFB p50 (ms), 1 conn | TTFB p90 | req/s, 1 conn | req/s, 50 conn | of ceiling, 50 conn | latency p50 at 50 conn (ms) | errors |",
    "|---|---|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.target} | ${r.ttfbP50.toFixed(1)} | ${r.ttfbP90.toFixed(1)} | ${r.rps1.toFixed(0)} | ${r.rps50.toFixed(0)} | ${((r.rps50 / top.rps50) * 100).toFixed(1)} % | ${r.p50At50.toFixed(0)} | ${r.errors} |`),
  ].join("\n");
  const extraTable = [
    "| target | req/s at 50 conn, If-None-Match → 304 | latency p50 at 50 conn (ms) | answers that were not 304 | transferred bytes |",
    "|---|---|---|---|---|",
    ...extras.map((e) => `| ${e.target} | ${e.rps304.toFixed(0)} | ${e.p50At50of304.toFixed(0)} | ${e.non304} | ${e.sizes} |`),
  ].join("\n");
  const load = os.loadavg().map((l) => l.toFixed(2)).join(", ");
  const cold = `After a change (PostgreSQL, the article's readerRevision bumped before each of ${TTFB_SAMPLES} requests, so the server re-reads and re-anchors every check, Next renders the page again and the cache files it under the new revision): TTFB p50 ${coldP50.toFixed(1)} ms, p90 ${coldP90.toFixed(1)} ms.`;
  console.log(`\n${table}\n\n${extraTable}\n\n${cold}\n\nLoad average at the end: ${load}`);
  writeBenchmarkSection(
    "reader",
    `## Reader page (\`npm run bench:reader\`)\n\nMeasured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores, Node ${process.version}; production build; the seed article with ${CLAIMS} published checks (${(html.length / 1024).toFixed(0)} KiB of HTML). ` +
      `TTFB: median of ${TTFB_SAMPLES} sequential requests after 20 warm-up requests. Throughput: autocannon, ${DURATION} s per run; load generator and server share the 2 cores. Target: TTFB p50 ≤ 50 ms at 1 connection. Generated by e2e/bench/reader.ts. Load average (1, 5, 15 min) at the end of the run: ${load} — other sessions share the machine.\n\n` +
      `Since issue 21 an anonymous request is answered by lib/cli/serve.mjs from a per-revision byte cache (one revision query per request); targets: ≥ 80 % of the ceiling at 50 connections, TTFB p50 ≤ 5 ms, first request after a change ≤ 40 ms p50, HTML ≤ 300 KiB.\n\n${table}\n\n${extraTable}\n\n${cold}`,
  );
}

const entry = process.argv.includes("--prepare") ? prepare(process.argv[process.argv.indexOf("--prepare") + 1]).then((slug) => console.log(slug)) : main();
entry.catch((e) => {
  console.error(e);
  process.exit(1);
});
