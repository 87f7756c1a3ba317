/**
 * Web Annotation benchmark (issue 19): `npm run bench:annotations`.
 * 1. The container's first page with 100 contained descriptions (anonymous, published checks), served
 *    by the real route handler (auth lookup, two counts, the page query, mapping, ETag) on PostgreSQL,
 *    behind a node:http server; beside it a bare node:http server returning the same bytes from memory.
 *    autocannon at 1 and 50 connections, 10 s each. Target: at 50 connections, ≥ 50% of the bare
 *    server's throughput and p99 ≤ 100 ms.
 * 2. 1,000 annotations imported in one request (parsed, anchored, written in one transaction) ≤ 2 s.
 * Writes docs/benchmarks.md between <!-- annotations:start --> and <!-- annotations:end -->.
 */
import http from "node:http";
import { loadavg } from "node:os";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import type { SessionUser, TRole } from "@/lib/auth/roles";
import { createPostgresDatabase, shareWithServices } from "@/lib/testing/databases";
import { seedDatabase } from "@/lib/seed/seed";
import { median, writeBenchmarkSection } from "@/e2e/bench/benchmarks-doc";

const PUBLIC = "http://127.0.0.1:3199";
process.env.FACTMARK_PUBLIC_URL = PUBLIC;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);

const { GET } = await import("@/app/articles/[slug]/annotations/route");
const { commitImport, previewImport } = await import("../annotation-service");
const { transitionClaim } = await import("@/lib/workflow/transition-claim");
const { createArticle } = await import("@/lib/articles/create-article");

function listen(handler: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function load(url: string, connections: number) {
  const result = await autocannon({ url, connections, duration: DURATION_S });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

function hypothesisRows(slug: string, text: string, quotes: string[]) {
  return {
    rows: quotes.map((exact, i) => {
      const start = text.indexOf(exact);
      return { id: `bench-${slug}-${i}`, uri: `${PUBLIC}/articles/${slug}`, text: `Check ${i}`, tags: ["bench"], target: [{ source: `${PUBLIC}/articles/${slug}`, selector: [{ type: "TextQuoteSelector", exact, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(start + exact.length, start + exact.length + 32) }, { type: "TextPositionSelector", start, end: start + exact.length }] }] };
    }),
  };
}

const VOCAB = "the council said river bridge water report minister budget school hospital police court election city village road flood storm harvest price tax".split(" ");

/** About 1,200 sentences, each ending in a unique "(item n)", so every sentence anchors exactly once. */
function benchText(): string {
  let seed = 19;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const paragraphs: string[] = [];
  for (let p = 0, n = 0; p < 240; p++) {
    const sentences: string[] = [];
    for (let s = 0; s < 5; s++, n++) sentences.push(`${Array.from({ length: 12 }, () => VOCAB[Math.floor(rand() * VOCAB.length)]).join(" ")} (item ${n}).`);
    paragraphs.push(sentences.join(" "));
  }
  return paragraphs.join("\n\n");
}

/** The first `count` sentences: distinct, so each import item is placed. */
function distinctSpans(text: string, count: number): string[] {
  return [...text.matchAll(/[a-z][a-z ]+\(item \d+\)\./g)].map((m) => m[0]).slice(0, count);
}

const t = await createPostgresDatabase();
shareWithServices(t);
try {
  const prisma = t.db.prisma;
  await seedDatabase(prisma, { demoUsers: true });
  const users: Record<string, SessionUser> = {};
  for (const u of await prisma.user.findMany()) users[u.email.split("@")[0]] = { id: u.id, name: u.name, email: u.email, role: u.role as TRole };
  const { slug } = await createArticle(users.editor!, { format: "text", content: benchText(), title: "Annotation bench", byline: null, sourceUrl: null, publishedAt: null });
  const article = await prisma.article.findUniqueOrThrow({ where: { slug }, include: { versions: { orderBy: { number: "desc" }, take: 1 } } });
  const text = article.versions[0]!.plainText;

  // 100 published checks for the container page.
  const quotes = distinctSpans(text, 100);
  if (quotes.length < 100) throw new Error(`the bench article has only ${quotes.length} distinct spans`);
  await commitImport(users.reviewer!, article.slug, hypothesisRows(article.slug, text, quotes));
  const drafts = await prisma.claim.findMany({ where: { articleId: article.id, via: { startsWith: "https://hypothes.is/a/bench-" } } });
  for (const c of drafts) {
    const s = await transitionClaim(users.reviewer!, c.id, { action: "submit", version: c.version });
    await transitionClaim(users.editor!, c.id, { action: "approve", version: s.version });
  }

  const real = await listen(async (req, res) => {
    const response = await GET(new Request(`${PUBLIC}${req.url}`, { headers: req.headers as Record<string, string> }), { params: Promise.resolve({ slug: article.slug }) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  const path = `/articles/${article.slug}/annotations/`;
  const sample = await fetch(`http://127.0.0.1:${(real.address() as AddressInfo).port}${path}`);
  const bytes = Buffer.from(await sample.arrayBuffer());
  const items = (JSON.parse(bytes.toString()) as { first: { items: unknown[] } }).first.items.length;
  const headers = Object.fromEntries(sample.headers);
  const bare = await listen((_req, res) => {
    res.writeHead(200, { "content-type": headers["content-type"]!, etag: headers.etag! });
    res.end(bytes);
  });
  const url = (s: http.Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}${path}`;

  const rows: string[] = [];
  const measured: Record<string, Awaited<ReturnType<typeof load>>> = {};
  for (const connections of [1, 50]) {
    measured[`bare${connections}`] = await load(url(bare), connections);
    measured[`real${connections}`] = await load(url(real), connections);
    for (const kind of ["bare", "real"] as const) {
      const m = measured[`${kind}${connections}`]!;
      rows.push(`| ${kind === "bare" ? "bare node:http, bytes from memory" : "container route on PostgreSQL"} | ${connections} | ${Math.round(m.rps)} | ${m.p50} | ${m.p99} | ${m.non2xx + m.errors} |`);
    }
  }
  real.close();
  bare.close();

  // 1,000 annotations in one import.
  const importQuotes = distinctSpans(text, 1000);
  const importRuns: number[] = [];
  const planRuns: number[] = [];
  for (let run = 0; run < 3; run++) {
    const doc = hypothesisRows(`${article.slug}-run${run}`, text, importQuotes);
    for (const row of doc.rows) row.target[0]!.source = `${PUBLIC}/articles/${article.slug}`;
    const p0 = performance.now();
    await previewImport(users.reviewer!, article.slug, doc);
    planRuns.push(performance.now() - p0);
    const t0 = performance.now();
    const result = await commitImport(users.reviewer!, article.slug, doc);
    importRuns.push(performance.now() - t0);
    if (result.created !== importQuotes.length) throw new Error(`import created ${result.created} of ${importQuotes.length}`);
  }

  const ratio = measured.real50!.rps / measured.bare50!.rps;
  const importMs = median(importRuns);
  const md = `## Web Annotation container and import (issue 19)

\`npm run bench:annotations\` (lib/annotations/bench/run.ts), ${new Date().toISOString().slice(0, 10)}, on this 2-core machine; PostgreSQL 127.0.0.1. Load by autocannon (${DURATION_S} s per row) in the same process as both servers, so each side pays for it alike. Load average at the end of the run: ${loadavg()[0]!.toFixed(1)} (2 cores)${loadavg()[0]! > 2 ? ", so every number here is inflated by other work on the machine; compare the two servers, not absolute values" : ""}.

The container's first page: ${items} contained descriptions, ${bytes.length.toLocaleString("en")} bytes, anonymous (published checks).

| server | connections | requests/s | p50 ms | p99 ms | non-2xx + errors |
|---|---|---|---|---|---|
${rows.join("\n")}

At 50 connections the route serves **${(ratio * 100).toFixed(0)}%** of the bare server's throughput (target ≥ 50%: ${ratio >= 0.5 ? "met" : "NOT met"}); p99 **${measured.real50!.p99} ms** (target ≤ 100 ms: ${measured.real50!.p99 <= 100 ? "met" : "NOT met"}).

Import of ${importQuotes.length.toLocaleString("en")} Hypothesis annotations in one request (parse, duplicate check, anchoring, one transaction of three statements): median **${Math.round(importMs)} ms** of ${importRuns.length} runs (${importRuns.map((v) => Math.round(v)).join(", ")} ms; target ≤ 2,000 ms: ${importMs <= 2000 ? "met" : "NOT met"}). The report alone (everything but the writes): median ${Math.round(median(planRuns))} ms.`;
  writeBenchmarkSection("annotations", md);
  console.log(md);
} finally {
  await t.drop();
}
process.exit(0);
