// npm run test:resilience — PostgreSQL restarted under write load (issue 12, Reliability).
// 20 signed-in reviewers create claims through the production app; PostgreSQL is stopped for a few
// seconds in the middle and started again. Targets: while it is down the app answers 503 with a
// reason and Retry-After (no 401, no 500, nothing hangs); it recovers by itself within 5 s of the
// database's return; every write that got a 2xx is in the database afterwards.
//
// The PostgreSQL stopped is a cluster of its own (RESILIENCE_PG_CLUSTER, created with
// pg_createcluster on port 3159 when missing), so the machine's main cluster and whatever else runs
// on it are not disturbed. RESILIENCE_PG_CLUSTER=main restarts the machine's own cluster instead.
import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { promisify } from "node:util";
import { chromium } from "@playwright/test";
import pg from "pg";
import { openDb } from "@/lib/db/client";
import { startServer, stopServer } from "@/e2e/bench/server";
import { claimTarget, createReviewers, DEMO_PASSWORD, getPage, HANG_MS, readPublished, signIn, sleep, tally, writeClaim, type WriteResult } from "./http-clients";

const PORT = Number(process.env.RESILIENCE_PORT ?? 3150);
const CLIENTS = 20;
const WARM_MS = 8_000;
const OUTAGE_MS = Number(process.env.RESILIENCE_OUTAGE_MS ?? 5_000);
const TAIL_MS = 12_000;
const RECOVERY_TARGET_MS = 5_000;
const CLUSTER = process.env.RESILIENCE_PG_CLUSTER ?? "factmark_resilience";
const CLUSTER_PORT = Number(process.env.RESILIENCE_PG_PORT ?? 3159);

const version = readdirSync("/etc/postgresql").sort().at(-1)!;

// Asynchronous: the clients' requests keep running (and being timed) while the cluster stops.
async function pgctl(...args: string[]) {
  await promisify(execFile)("pg_ctlcluster", ["--skip-systemctl-redirect", version, CLUSTER, ...args]);
}

async function clusterPort(): Promise<number> {
  const line = execFileSync("pg_lsclusters", ["--no-header"], { encoding: "utf8" })
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .find((cols) => cols[0] === version && cols[1] === CLUSTER);
  if (!line) {
    console.log(`Creating PostgreSQL cluster ${version}/${CLUSTER} on port ${CLUSTER_PORT} (trust auth, 127.0.0.1 only)…`);
    execFileSync("pg_createcluster", [version, CLUSTER, "-p", String(CLUSTER_PORT), "--", "--auth=trust"], { stdio: "inherit" });
    await pgctl("start");
    return CLUSTER_PORT;
  }
  if (line[3] !== "online") await pgctl("start");
  return Number(line[2]);
}

async function createDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `factmark_resilience_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

async function main() {
  const port = await clusterPort();
  const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const database = await createDatabase(adminUrl);
  const base = `http://127.0.0.1:${PORT}`;
  const server = await startServer(PORT, database.url, { NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), NEXTAUTH_URL: base });
  let failed = true;
  let pgStopped = false;
  try {
    const db = await openDb(database.url);
    const emails = await createReviewers(db.prisma, CLIENTS);
    const slug = (await db.prisma.article.findFirstOrThrow({ select: { slug: true } })).slug;
    await db.close();
    const clients = await Promise.all(emails.map((email) => signIn(base, email, DEMO_PASSWORD)));
    const target = await claimTarget(base, clients[0], slug);

    const t0 = performance.now();
    const results: WriteResult[] = [];
    let stopAt = Infinity;
    const workers = clients.map(async (client, i) => {
      for (let seq = 0; performance.now() - t0 < stopAt && seq < 100_000; seq++) {
        const r = await writeClaim(base, client, i, target, seq, t0);
        results.push(r);
        // A client told to come back later waits a little, as a browser retrying would.
        if (r.status !== 201) await sleep(200);
      }
    });

    // Beside the writers, an anonymous reader: its requests pass no session check, so they show
    // what the database outage itself turns into.
    // Pages too: the public article, and a signed-in reviewer's queue (which must not send the
    // reviewer to /login, i.e. sign them out, while the database is down).
    const reads: WriteResult[] = [];
    const pages: (WriteResult & { page: string })[] = [];
    const reader = (async () => {
      while (performance.now() - t0 < stopAt) {
        reads.push(await readPublished(base, slug, t0));
        pages.push({ ...(await getPage(base, `/articles/${slug}`, undefined, t0)), page: "article (anonymous)" });
        pages.push({ ...(await getPage(base, "/review/queue", clients[0].cookie, t0)), page: "review queue (reviewer)" });
        await sleep(250);
      }
    })();

    // What a visitor sees: the article page opened in Chromium while the database is down.
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
    const page = await browser.newPage();
    await page.goto(`${base}/articles/${slug}`);

    await sleep(WARM_MS);
    const downAt = performance.now() - t0;
    pgStopped = true;
    await pgctl("stop", "-m", "fast");
    const stoppedAt = performance.now() - t0;
    const outagePage = (async () => {
      await page.goto(`${base}/articles/${slug}`).catch(() => null);
      const heading = await page.getByRole("heading", { level: 1 }).first().textContent({ timeout: OUTAGE_MS - 500 }).catch(() => null);
      await browser.close();
      return heading;
    })();
    await sleep(OUTAGE_MS);
    const startIssuedAt = performance.now() - t0;
    await pgctl("start");
    pgStopped = false;
    const upAt = performance.now() - t0;
    await sleep(TAIL_MS);
    stopAt = performance.now() - t0;
    await Promise.all([...workers, reader]);
    const outageHeading = await outagePage;

    // Down for certain: after `stop` returned and before `start` was issued.
    const isDuringOutage = (r: WriteResult) => r.startedAt >= stoppedAt && r.endedAt <= startIssuedAt;
    const during = results.filter(isDuringOutage);
    const readsDuring = reads.filter(isDuringOutage);
    const firstOkAfterUp = results.filter((r) => r.status === 201 && r.startedAt >= upAt).sort((a, b) => a.endedAt - b.endedAt)[0];
    const recoveredMs = firstOkAfterUp ? firstOkAfterUp.endedAt - upAt : Infinity;
    const acknowledged = new Set(results.filter((r) => r.status === 201 && r.claimId).map((r) => r.claimId!));

    const check = await openDb(database.url);
    const rows = await check.prisma.claim.findMany({ where: { explanation: { startsWith: "resilience " } }, select: { id: true } });
    await check.close();
    const stored = new Set(rows.map((r) => r.id));
    const lost = [...acknowledged].filter((id) => !stored.has(id));
    const extra = [...stored].filter((id) => !acknowledged.has(id));

    const all = tally(results);
    const duringTally = tally(during);
    const count = (t: Record<string, number>, k: string) => t[k] ?? 0;
    const readTally = tally(reads);
    const reasons503 = new Set([...results, ...reads].filter((r) => r.status === 503).map((r) => r.reason));
    const slowest = Math.max(...[...results, ...reads].map((r) => r.endedAt - r.startedAt));
    console.log(`\nPostgreSQL ${version}/${CLUSTER}: stop issued at ${(downAt / 1000).toFixed(1)} s, down at ${(stoppedAt / 1000).toFixed(1)} s, start issued at ${(startIssuedAt / 1000).toFixed(1)} s, accepting again at ${(upAt / 1000).toFixed(1)} s; run ended at ${(stopAt / 1000).toFixed(1)} s`);
    console.log(`all writes: ${results.length}, by status: ${JSON.stringify(all)}`);
    console.log(`writes sent and answered while the database was down: ${during.length}, by status: ${JSON.stringify(duringTally)}`);
    console.log(`anonymous reads: ${reads.length}, by status: ${JSON.stringify(readTally)}; while down: ${JSON.stringify(tally(readsDuring))}`);
    for (const page of [...new Set(pages.map((p) => p.page))]) {
      const during = pages.filter((p) => p.page === page && isDuringOutage(p)).map((p) => `${p.status}${p.reason ? ` ${p.reason}` : ""}`);
      console.log(`${page} while down: ${JSON.stringify(Object.fromEntries([...new Set(during)].map((k) => [k, during.filter((d) => d === k).length])))}`);
    }
    console.log(`the article page in Chromium while down: ${JSON.stringify(outageHeading)}`);
    const signedOutPages = pages.filter((p) => isDuringOutage(p) && p.reason?.startsWith("/login")).length;
    console.log(`503 reasons: ${JSON.stringify([...reasons503])}`);
    console.log(`slowest answer: ${(slowest / 1000).toFixed(2)} s; extra rows (stored, never acknowledged): ${extra.length}`);
    const summary =
      `resilience: ${acknowledged.size} acknowledged, ${lost.length} lost, ${extra.length} extra, 503 during outage: ${count(duringTally, "503")}, ` +
      `401: ${count(all, "401")}, 500: ${count(all, "500") + count(readTally, "500")}, hung: ${count(all, "hung") + count(readTally, "hung")}, ` +
      `reads 503 during outage: ${count(tally(readsDuring), "503")}, recovered in ${(recoveredMs / 1000).toFixed(2)} s`;
    console.log(summary);

    const problems = [
      lost.length && `${lost.length} acknowledged writes are missing`,
      count(all, "401") && "401s: a database outage read as a sign-out",
      count(all, "500") + count(readTally, "500") && "500s during the outage",
      count(all, "hung") + count(readTally, "hung") && `requests hung longer than ${HANG_MS / 1000} s`,
      !count(duringTally, "503") && "no write got 503 while the database was down",
      readsDuring.some((r) => r.status !== 503) && "an anonymous read during the outage got something other than 503",
      !/temporarily unavailable/.test(outageHeading ?? "") && "the article page did not say it is temporarily unavailable",
      signedOutPages && `${signedOutPages} signed-in page requests were sent to /login during the outage`,
      [...reasons503].some((r) => !r || r.startsWith("no Retry-After")) && "a 503 without a reason or Retry-After",
      !(recoveredMs <= RECOVERY_TARGET_MS) && `not recovered within ${RECOVERY_TARGET_MS / 1000} s`,
    ].filter(Boolean);
    if (problems.length) console.error(`FAILED: ${problems.join("; ")}`);
    failed = problems.length > 0;
  } finally {
    if (pgStopped) await pgctl("start");
    await stopServer(server);
    await database.drop().catch((e) => console.error("dropping the throwaway database failed", e));
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
