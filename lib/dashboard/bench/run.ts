/**
 * Dashboard benchmark (issue 17): `npm run bench:dashboard`.
 * 100,000 generated claims (200 articles, 20 reviewers, 120 days of history, their workflow events
 * and published checks) on PostgreSQL and on PGlite; then the dashboard's whole server work (every
 * aggregate query, the filter choices, and every chart drawn to SVG) for the default view and for
 * filtered views, 10 runs each after a warm-up. Target: ≤ 300 ms.
 * Writes docs/benchmarks.md between <!-- dashboard-100k:start --> and <!-- dashboard-100k:end -->.
 * Besides wall time it reports CPU time per page, which the load of a shared machine inflates far
 * less: this process's (Node, and PGlite, which runs inside it) plus, on PostgreSQL, the database's
 * server processes for this database, read from /proc (Linux; 10 ms ticks, summed over the runs).
 */
import { readFileSync } from "node:fs";
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

/** CPU time (ms) used so far by the PostgreSQL server processes connected to this database. */
async function backendCpuMs(t: TestDatabase): Promise<number> {
  if (t.kind !== "postgres") return 0;
  const rows = await t.db.prisma.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`;
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // A connection that closed in between; its time is lost (the pool keeps its connections open).
    }
  }
  return ticks * 10;
}

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
    // A database in use has been vacuumed by autovacuum: the index-only scans then skip the table.
    await prisma.$executeRawUnsafe("VACUUM ANALYZE");
    const generateS = (performance.now() - g0) / 1000;
    const actor: SessionUser = { id: editor.id, name: editor.name, email: editor.email, role: "EDITOR" };
    const views = {
      "default (last 12 weeks)": resolveDashboardView({}, now),
      "one reviewer, 120 days": resolveDashboardView({ reviewer: "bench-u3", from: new Date(now.getTime() - 120 * 86_400_000).toISOString().slice(0, 10) }, now),
      "one article tag": resolveDashboardView({ tag: "topic-1" }, now),
      "one article": resolveDashboardView({ article: "b-article-7" }, now),
    };
    const rows: Row[] = [];
    for (const [name, view] of Object.entries(views)) {
      const times: number[] = [];
      let cpu = process.cpuUsage();
      let db0 = 0;
      for (let i = 0; i <= RUNS; i++) {
        if (i === 1) {
          // The warm-up is not counted.
          cpu = process.cpuUsage();
          db0 = await backendCpuMs(t);
        }
        const t0 = performance.now();
        const { data } = await getDashboard(actor, view, now);
        for (const c of CHART_IDS) renderChart(c, data[c]);
        if (i > 0) times.push(performance.now() - t0);
      }
      const used = process.cpuUsage(cpu);
      const nodeCpu = (used.user + used.system) / 1000 / RUNS;
      const dbCpu = ((await backendCpuMs(t)) - db0) / RUNS;
      rows.push({ view: name, median: median(times), max: Math.max(...times), nodeCpu, dbCpu, load: loadavg()[0] });
      console.log(`${t.kind} ${name}: median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms, CPU ${nodeCpu.toFixed(0)} + ${dbCpu.toFixed(0)} ms, load ${loadavg()[0].toFixed(1)}`);
    }
    return { generateS, rows };
  } finally {
    undo();
  }
}

type Row = { view: string; median: number; max: number; nodeCpu: number; dbCpu: number; load: number };
const results: { engine: string; generateS: number; rows: Row[] }[] = [];
const loadAtStart = loadavg().map((n) => n.toFixed(2)).join(", ");
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
  `## Dashboard at 100,000 claims, with the dashboard indexes (issue 17, \`npm run bench:dashboard\`)`,
  ``,
  `${new Date().toISOString().slice(0, 16)}Z, ${CLAIMS.toLocaleString("en")} generated claims (200 articles, 20 reviewers, 120 days, with their workflow events and published checks), with the indexes of prisma/migrations/20261205072500_dashboard_indexes and work_mem 32MB. Time for the page's whole server work: the 7 aggregate queries, the filter choices and all 7 charts drawn to SVG; median and slowest of ${RUNS} runs after a warm-up. Target ≤ ${TARGET_MS} ms. ` +
    `CPU ms per page: this process (Node; PGlite runs inside it) + PostgreSQL's server processes (from /proc), less inflated by the machine's load than wall time. Load average at the start ${loadAtStart}, at the end ${load} (2 cores shared with other sessions); the 1-minute load when each view finished is in the last column. Supersedes the "Dashboard (issue 17)" numbers above, which were measured without the indexes.`,
  ``,
  `| engine | view | median ms | slowest ms | CPU ms (Node + PostgreSQL) | median ≤ ${TARGET_MS} ms | load (1 min) |`,
  `| --- | --- | ---: | ---: | ---: | --- | ---: |`,
  ...results.flatMap((r) => r.rows.map((x) => `| ${r.engine} | ${x.view} | ${x.median.toFixed(0)} | ${x.max.toFixed(0)} | ${x.nodeCpu.toFixed(0)} + ${x.dbCpu.toFixed(0)} | ${x.median <= TARGET_MS ? "yes" : "**no**"} | ${x.load.toFixed(1)} |`)),
  ``,
  `Generating the data took ${results.map((r) => `${r.generateS.toFixed(1)} s on ${r.engine}`).join(" and ")}.`,
];
writeBenchmarkSection("dashboard-100k", lines.join("\n"));
console.log(lines.join("\n"));
