/**
 * Dashboard benchmark (issue 17): `npm run bench:dashboard`.
 * 100,000 generated claims (200 articles, 20 reviewers, 120 days of history, their workflow events
 * and published checks) on PostgreSQL and on PGlite; then the dashboard's whole server work (every
 * aggregate query, the filter choices, and every chart drawn to SVG) for the default view and for
 * filtered views, 10 runs each after a warm-up. Target: ≤ 300 ms.
 * Writes docs/benchmarks.md between <!-- dashboard:start --> and <!-- dashboard:end -->.
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import type { SessionUser } from "@/lib/auth/roles";
import { createPgliteDatabase, createPostgresDatabase, shareWithServices, type TestDatabase } from "@/lib/testing/databases";
import { seedDatabase } from "@/lib/seed/seed";
import { median, writeBenchmarkSection } from "@/e2e/bench/benchmarks-doc";
import { resolveDashboardView } from "@/lib/validation/dashboard";

const { getDashboard } = await import("../get-dashboard");
const { renderChart } = await import("../charts");
const { CHART_IDS } = await import("../tables");
const { generateDashboardData } = await import("./generate");

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 100_000);
const RUNS = 10;
const TARGET_MS = 300;

async function measure(t: TestDatabase) {
  const undo = shareWithServices(t);
  try {
    const prisma = t.db.prisma;
    await seedDatabase(prisma, { demoUsers: true });
    const editor = await prisma.user.findFirstOrThrow({ where: { email: "editor@example.org" } });
    await prisma.$executeRaw`
      INSERT INTO "User" (id, email, name, "passwordHash", role, "updatedAt")
      SELECT 'bench-u' || i, 'bench-' || i || '@example.org', 'Bench reviewer ' || i, 'x', 'REVIEWER', now() FROM generate_series(0, 19) i`;
    const authorIds = Array.from({ length: 20 }, (_, i) => `bench-u${i}`);
    const now = new Date();
    const g0 = performance.now();
    await generateDashboardData(prisma, { claims: CLAIMS, articles: 200, authorIds, editorId: editor.id, prefix: "b", now, days: 120 });
    await prisma.$executeRawUnsafe("ANALYZE");
    const generateS = (performance.now() - g0) / 1000;
    const actor: SessionUser = { id: editor.id, name: editor.name, email: editor.email, role: "EDITOR" };
    const views = {
      "default (last 12 weeks)": resolveDashboardView({}, now),
      "one reviewer, 120 days": resolveDashboardView({ reviewer: "bench-u3", from: new Date(now.getTime() - 120 * 86_400_000).toISOString().slice(0, 10) }, now),
      "one article tag": resolveDashboardView({ tag: "topic-1" }, now),
      "one article": resolveDashboardView({ article: "b-article-7" }, now),
    };
    const rows: { view: string; median: number; max: number }[] = [];
    for (const [name, view] of Object.entries(views)) {
      const times: number[] = [];
      for (let i = 0; i <= RUNS; i++) {
        const t0 = performance.now();
        const { data } = await getDashboard(actor, view, now);
        for (const c of CHART_IDS) renderChart(c, data[c]);
        if (i > 0) times.push(performance.now() - t0);
      }
      rows.push({ view: name, median: median(times), max: Math.max(...times) });
      console.log(`${t.kind} ${name}: median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`);
    }
    return { generateS, rows };
  } finally {
    undo();
  }
}

const results: { engine: string; generateS: number; rows: { view: string; median: number; max: number }[] }[] = [];
for (const [engine, create] of [["PostgreSQL", createPostgresDatabase], ["PGlite", createPgliteDatabase]] as const) {
  const t = await create();
  try {
    results.push({ engine, ...(await measure(t)) });
  } finally {
    await t.drop();
  }
}
const load = loadavg().map((n) => n.toFixed(2)).join(", ");
const lines = [
  `## Dashboard (issue 17)`,
  ``,
  `\`npm run bench:dashboard\`, ${new Date().toISOString().slice(0, 16)}Z, ${CLAIMS.toLocaleString("en")} generated claims (200 articles, 20 reviewers, 120 days, with their workflow events and published checks). Time for the page's whole server work: the 7 aggregate queries, the filter choices and all 7 charts drawn to SVG; median and slowest of ${RUNS} runs after a warm-up. Target ≤ ${TARGET_MS} ms. Load average during the run: ${load} (2 cores shared with other sessions).`,
  ``,
  `| engine | view | median ms | slowest ms | ≤ ${TARGET_MS} ms |`,
  `| --- | --- | ---: | ---: | --- |`,
  ...results.flatMap((r) => r.rows.map((x) => `| ${r.engine} | ${x.view} | ${x.median.toFixed(0)} | ${x.max.toFixed(0)} | ${x.median <= TARGET_MS ? "yes" : "**no**"} |`)),
  ``,
  `Generating the data took ${results.map((r) => `${r.generateS.toFixed(1)} s on ${r.engine}`).join(" and ")}.`,
];
writeBenchmarkSection("dashboard", lines.join("\n"));
console.log(lines.join("\n"));
