/**
 * Prints PostgreSQL's plan, with actual times, for every dashboard query (issue 17), to check that
 * the indexes of prisma/migrations/*_dashboard_indexes are used and nothing spills to disk.
 *
 *   DASHBOARD_DB_URL=postgresql://postgres@127.0.0.1:5432/some_db \
 *     npx tsx --import ./lib/annotations/bench/server-only-hooks.mjs lib/dashboard/bench/explain.ts [chart …]
 *
 * Without DASHBOARD_DB_URL it creates a throw-away PostgreSQL database with BENCH_CLAIMS (100,000)
 * generated claims, as bench:dashboard does; with it, it reuses that database and generates data
 * only if it has no claims yet (so plans can be compared quickly after changing an index by hand).
 * The queries run exactly as the page runs them: in the same read-only transaction, with the same
 * settings (jit off, work_mem), through a $queryRaw that prefixes EXPLAIN.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { openDb } from "@/lib/db/client";
import { createPostgresDatabase, shareWithServices, type TestDatabase } from "@/lib/testing/databases";
import { seedDatabase } from "@/lib/seed/seed";
import { resolveDashboardView } from "@/lib/validation/dashboard";

const { QUERIES, inReadTransaction } = await import("../get-dashboard");
const { CHART_IDS } = await import("../tables");
const { generateDashboardData } = await import("./generate");

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 100_000);
const charts = CHART_IDS.filter((c) => process.argv.slice(2).includes(c));

let t: TestDatabase;
if (process.env.DASHBOARD_DB_URL) {
  const db = await openDb(process.env.DASHBOARD_DB_URL);
  t = { kind: "postgres", url: process.env.DASHBOARD_DB_URL, db, drop: () => db.close() };
} else {
  t = await createPostgresDatabase();
}
const undo = shareWithServices(t);
try {
  const prisma = t.db.prisma;
  const now = new Date();
  if ((await prisma.claim.count()) === 0) {
    await seedDatabase(prisma, { demoUsers: true });
    const editor = await prisma.user.findFirstOrThrow({ where: { email: "editor@example.org" } });
    await prisma.$executeRaw`
      INSERT INTO "User" (id, email, name, "passwordHash", role, "updatedAt")
      SELECT 'bench-u' || i, 'bench-' || i || '@example.org', 'Bench reviewer ' || i, 'x', 'REVIEWER', now() FROM generate_series(0, 19) i`;
    const authorIds = Array.from({ length: 20 }, (_, i) => `bench-u${i}`);
    console.log(`generating ${CLAIMS} claims…`);
    await generateDashboardData(prisma, { claims: CLAIMS, articles: 200, authorIds, editorId: editor.id, prefix: "b", now, days: 120 });
    await prisma.$executeRawUnsafe("VACUUM ANALYZE");
  }
  const view = resolveDashboardView(process.env.DASHBOARD_VIEW ? JSON.parse(process.env.DASHBOARD_VIEW) : {}, now);
  await inReadTransaction(async (tx) => {
    for (const chart of charts.length ? charts : CHART_IDS) {
      // A client whose $queryRaw returns no rows but prints the plan of the query it was given.
      const explaining = new Proxy(tx, {
        get(target, key, receiver) {
          if (key !== "$queryRaw") return Reflect.get(target, key, receiver);
          return async (strings: TemplateStringsArray, ...values: unknown[]) => {
            const sql = Prisma.sql(strings, ...values);
            const plan = await target.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, BUFFERS, SETTINGS) ${sql.text}`, ...sql.values);
            console.log(`\n=== ${chart}\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}`);
            return [];
          };
        },
      });
      await QUERIES[chart](explaining, view, now);
    }
  });
} finally {
  undo();
  if (!process.env.DASHBOARD_DB_URL) await t.drop();
  else await t.db.close();
}
