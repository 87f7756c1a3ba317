// npm run bench:live (issue 15, "Load and soak"): one production instance on a throwaway
// PostgreSQL database.
//  1. 500 concurrent SSE subscribers, 20 claim writes a second for 60 s: delivery latency p50/p95,
//     events lost and duplicated (counted per subscriber), the server's memory before, during, after.
//  2. Connection churn: 5,000 connects and disconnects in bursts; pg_stat_activity rows and memory
//     before and after (no leaked listeners or database connections).
// Needs `npm run build` first. Writes its section of docs/benchmarks.md.
// Memory: the server runs with --expose-gc and FACTMARK_HEAP_REPORT=1; on SIGUSR2 it collects
// garbage and prints its heap (lib/cli/serve.mjs), so "back within 10% after everyone left" compares
// live heaps after a full GC, not RSS the allocator has not handed back yet.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import pg from "pg";
import { signIn, type Client } from "../resilience/http-clients";
import { writeBenchmarkSection } from "./benchmarks-doc";

const PORT = Number(process.env.LIVE_BENCH_PORT ?? 3233);
const BASE = `http://127.0.0.1:${PORT}`;
const SUBSCRIBERS = Number(process.env.LIVE_SUBSCRIBERS ?? 500);
const WRITES_PER_SECOND = Number(process.env.LIVE_WRITES_PER_SECOND ?? 20);
const SECONDS = Number(process.env.LIVE_SECONDS ?? 60);
const CHURN = Number(process.env.LIVE_CHURN ?? 5000);
/**
 * Optional: a first, unmeasured round (100 subscribers, WRITES_PER_SECOND for this many seconds)
 * before the baseline, to tell caches that fill once (compiled code, query plans) from growth
 * that repeats with every round. 0 (the default) measures from a cold server, as the issue asks.
 */
const WARMUP_SECONDS = Number(process.env.LIVE_WARMUP_SECONDS ?? 0);
const BURST = 100;
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const DB_NAME = `factmark_bench_live_${Date.now()}_${randomBytes(3).toString("hex")}`;
const DB_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

async function adminQuery<T extends pg.QueryResultRow>(sql: string, params: unknown[] = [], url = ADMIN_URL): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

/** The server's CPU time (user + system) so far, from /proc: a measure the shared machine's load does not inflate as much as wall time. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : NaN;
}

/** Database sessions of the app (this script's own admin connection excluded). */
async function appConnections(): Promise<number> {
  const [r] = await adminQuery<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [DB_NAME], DB_URL);
  return r.n;
}

type HeapReport = { gc: boolean; spaces?: Record<string, number>; rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number; subscribers: number | null; relayStats: { received: number; delivered: number; dropped: number; dispatchCpuMicros?: number } | null };
const heapReports: HeapReport[] = [];

/** Asks the server to collect garbage and report its memory (SIGUSR2, lib/cli/serve.mjs). */
async function heapOf(server: ChildProcess): Promise<HeapReport> {
  const before = heapReports.length;
  server.kill("SIGUSR2");
  // Up to two minutes: with FACTMARK_HEAP_SNAPSHOT_DIR the report waits for a snapshot to be written.
  for (let i = 0; i < 2400 && heapReports.length === before; i++) await sleep(50);
  const r = heapReports[before];
  if (!r) throw new Error("the server printed no heap report (FACTMARK_HEAP_REPORT)");
  if (!r.gc) throw new Error("the server ran without --expose-gc");
  return r;
}
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const vs = (after: number, start: number) => `${after >= start ? "+" : ""}${(((after - start) / start) * 100).toFixed(1)}%`;

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--expose-gc", "lib/cli/serve.mjs"], {
    env: { ...process.env, PORT: String(PORT), HOST: "127.0.0.1", DATABASE_URL: DB_URL, FACTMARK_DEMO: "1", NEXTAUTH_SECRET: "bench-live-secret", NEXTAUTH_URL: BASE, NEXT_TELEMETRY_DISABLED: "1", FACTMARK_HEAP_REPORT: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (d) => {
    log += d;
    for (const m of String(d).matchAll(/^\[factmark\] heap (\{.*\})$/gm)) heapReports.push(JSON.parse(m[1]) as HeapReport);
  });
  child.stderr?.on("data", (d) => (log += d));
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`${BASE}/api/health`).then((r) => r.status === 200, () => false);
    if (ok) return child;
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    await sleep(250);
  }
  throw new Error(`server did not start:\n${log}`);
}

type Sub = { req: http.ClientRequest; ids: Map<string, number>; duplicates: number; ready: Promise<void>; close: () => void };

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

/**
 * A JSON POST on a connection of its own (no keep-alive): fetch's pool would keep up to one idle
 * connection per write in flight open on the server after the run, and their requests' objects
 * would count as memory "not returned" although no subscriber holds them.
 */
function postJson(url: string, cookie: string, payload: unknown): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(payload);
    const req = http.request(url, { method: "POST", agent, headers: { cookie, "content-type": "application/json", origin: BASE, "content-length": Buffer.byteLength(data) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => {
        let body: unknown = null;
        try {
          body = JSON.parse(text);
        } catch {
          // a non-JSON error page
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(data);
  });
}

/** One SSE subscriber: counts every event id it receives and when. */
function subscribe(client: Client, query = ""): Sub {
  const ids = new Map<string, number>();
  let markReady = () => {};
  let fail: (e: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    fail = reject;
  });
  const sub: Sub = { req: null as unknown as http.ClientRequest, ids, duplicates: 0, ready, close: () => sub.req.destroy() };
  sub.req = http.get(`${BASE}/api/events${query}`, { agent, headers: { cookie: client.cookie, accept: "text/event-stream" } }, (res) => {
    if (res.statusCode !== 200) {
      fail(new Error(`stream answered ${res.statusCode}`));
      res.resume();
      return;
    }
    res.setEncoding("utf8");
    let buffer = "";
    res.on("data", (chunk: string) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (frame.startsWith("event: ready")) markReady();
        const id = /^id: (\d+)/m.exec(frame)?.[1];
        if (!id) continue;
        if (ids.has(id)) sub.duplicates++;
        else ids.set(id, performance.now());
      }
    });
    res.on("error", () => {});
  });
  sub.req.on("error", (e) => fail(e));
  return sub;
}

async function main() {
  const load = os.loadavg().map((l) => l.toFixed(1)).join(", ");
  console.log(`[bench:live] load average before: ${load}`);
  await adminQuery(`CREATE DATABASE "${DB_NAME}"`);
  let server: ChildProcess | null = null;
  try {
    execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: DB_URL }, stdio: "pipe" });
    server = await startServer();
    const pid = server.pid!;
    const users = await Promise.all(["reviewer", "reviewer2", "editor", "admin"].map((u) => signIn(BASE, `${u}@example.org`, "factmark-demo")));
    const writer = users[2];
    const { articleVersionId, plainText, slug } = await (async () => {
      const [a] = await adminQuery<{ slug: string }>(`SELECT slug FROM "Article" LIMIT 1`, [], DB_URL);
      const j = (await (await fetch(`${BASE}/api/articles/${a.slug}/claims`, { headers: { cookie: writer.cookie } })).json()) as { articleVersionId: string; plainText: string };
      return { ...j, slug: a.slug };
    })();
    const words = [...plainText.matchAll(/\S+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));

    // Warm the routes once (a stream per user, a few claim writes heard by them), then measure the
    // baseline: otherwise the first write's code and caches count as growth "after".
    await (async () => {
      const warm = users.map((u) => subscribe(u));
      await Promise.all(warm.map((s) => s.ready));
      for (let i = 0; i < 10; i++) {
        const w = words[i * 3];
        const res = await fetch(`${BASE}/api/articles/${slug}/claims`, {
          method: "POST",
          headers: { cookie: writer.cookie, "content-type": "application/json", origin: BASE },
          body: JSON.stringify({ articleVersionId, start: w.start, end: w.end, fields: { verdict: "ACCURATE", explanation: `Warm-up ${i}.`, tags: [], sources: [] } }),
        });
        if (res.status !== 201) throw new Error(`warm-up write answered ${res.status}`);
      }
      await sleep(1000);
      for (const s of warm) s.close();
      if (WARMUP_SECONDS > 0) {
        const round = Array.from({ length: 100 }, (_, k) => subscribe(users[k % users.length]));
        await Promise.all(round.map((s) => s.ready));
        const t = performance.now();
        const pending: Promise<unknown>[] = [];
        for (let i = 0; i < WARMUP_SECONDS * WRITES_PER_SECOND; i++) {
          const wait = t + (i * 1000) / WRITES_PER_SECOND - performance.now();
          if (wait > 0) await sleep(wait);
          const w = words[(i * 5) % (words.length - 1)];
          pending.push(postJson(`${BASE}/api/articles/${slug}/claims`, writer.cookie, { articleVersionId, start: w.start, end: w.end, fields: { verdict: "ACCURATE", explanation: `Warm-up round ${i}.`, tags: [], sources: [] } }).catch(() => null));
        }
        await Promise.all(pending);
        await sleep(2000);
        for (const s of round) s.close();
        await sleep(5000);
      }
    })();
    await sleep(2000);
    const connectionsAtStart = await appConnections();
    const heapStart = await heapOf(server);
    const memStart = rssKb(pid);

    // 1. Fan-out under load.
    // Connected 50 at a time: each connect checks its session in the database (pool of 10).
    const subs: Sub[] = [];
    for (let i = 0; i < SUBSCRIBERS; i += 50) {
      const batch = Array.from({ length: Math.min(50, SUBSCRIBERS - i) }, (_, k) => subscribe(users[(i + k) % users.length]));
      await Promise.all(batch.map((s) => s.ready));
      subs.push(...batch);
    }
    const connectionsWithSubscribers = await appConnections();
    console.log(`[bench:live] ${subs.length} subscribers connected; app connections ${connectionsAtStart} → ${connectionsWithSubscribers}`);

    const writes: { sentAt: number; answeredAt: number; claimId: string | null; status: number }[] = [];
    const total = WRITES_PER_SECOND * SECONDS;
    const t0 = performance.now();
    let memDuring = 0;
    let heapDuring: Promise<HeapReport> | null = null;
    let loadMid = "";
    const cpuBefore = cpuSeconds(pid);
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = t0 + (i * 1000) / WRITES_PER_SECOND;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (i === Math.floor(total / 2)) {
        memDuring = rssKb(pid);
        heapDuring = heapOf(server);
        loadMid = os.loadavg().map((l) => l.toFixed(1)).join(", ");
      }
      const w = words[(i * 7) % (words.length - 3)];
      const end = words[((i * 7) % (words.length - 3)) + 2].end;
      const sentAt = performance.now();
      inflight.push(
        postJson(`${BASE}/api/articles/${slug}/claims`, writer.cookie, { articleVersionId, start: w.start, end, fields: { verdict: "ACCURATE", explanation: `Bench write ${i}.`, tags: [], sources: [] } }).then(
          ({ status, body }) => void writes.push({ sentAt, answeredAt: performance.now(), claimId: (body as { claim?: { id: string } } | null)?.claim?.id ?? null, status }),
          () => void writes.push({ sentAt, answeredAt: performance.now(), claimId: null, status: 0 }),
        ),
      );
    }
    await Promise.all(inflight);
    const elapsed = (performance.now() - t0) / 1000;
    const cpuFanout = cpuSeconds(pid) - cpuBefore;
    await sleep(3000); // let the last events arrive

    // Which event id belongs to which write: the LiveEvent rows name the claim.
    const rows = await adminQuery<{ id: string; claimId: string; at: number }>(
      `SELECT id::text AS id, "claimId", extract(epoch FROM "createdAt") * 1000 AS at FROM "LiveEvent" WHERE type = 'claim' AND data->>'change' = 'created'`,
      [],
      DB_URL,
    );
    const eventOf = new Map(rows.map((r) => [r.claimId, r.id]));
    // createdAt is now() of the write's transaction, i.e. when it began (same machine, same clock).
    const writtenAt = new Map(rows.map((r) => [r.id, Number(r.at)]));
    const latFromTx: number[] = [];
    const ok = writes.filter((w) => w.status === 201 && w.claimId);
    const latFromSend: number[] = [];
    const latFromAnswer: number[] = [];
    let lost = 0;
    let duplicated = 0;
    for (const s of subs) duplicated += s.duplicates;
    for (const w of ok) {
      const id = eventOf.get(w.claimId!);
      for (const s of subs) {
        const at = id ? s.ids.get(id) : undefined;
        if (at === undefined) {
          lost++;
          continue;
        }
        latFromSend.push(at - w.sentAt);
        latFromTx.push(performance.timeOrigin + at - writtenAt.get(id!)!);
        latFromAnswer.push(Math.max(0, at - w.answeredAt));
      }
    }
    const writeMs = ok.map((w) => w.answeredAt - w.sentAt);
    const heapMid = await heapDuring;
    for (const s of subs) s.close();
    await sleep(10_000);
    const memAfter = rssKb(pid);
    const heapAfter = await heapOf(server);
    const connectionsAfterFanout = await appConnections();

    // 2. Churn: connect and disconnect in bursts; every tenth stream also joins an article's presence.
    const churnStart = { connections: await appConnections(), rss: rssKb(pid) };
    let churned = 0;
    let churnErrors = 0;
    const tc = performance.now();
    while (churned < CHURN) {
      const burst = Array.from({ length: Math.min(BURST, CHURN - churned) }, (_, i) => subscribe(users[i % users.length], (churned + i) % 10 === 0 ? `?article=${slug}` : ""));
      const results = await Promise.allSettled(burst.map((s) => s.ready));
      churnErrors += results.filter((r) => r.status === "rejected").length;
      for (const s of burst) s.close();
      churned += burst.length;
    }
    const churnSeconds = (performance.now() - tc) / 1000;
    await sleep(10_000);
    const churnEnd = { connections: await appConnections(), rss: rssKb(pid) };
    const heapAfterChurn = await heapOf(server);
    const [presence] = await adminQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "LivePresence"`, [], DB_URL);

    const loadAfter = os.loadavg().map((l) => l.toFixed(1)).join(", ");
    const expected = ok.length * subs.length;
    const achieved = ok.length / elapsed;
    const md = `## Live updates (issue 15): \`npm run bench:live\`, with forced GC${WARMUP_SECONDS ? ", after a warm-up round" : ""}${WRITES_PER_SECOND === 20 ? "" : `, at ${WRITES_PER_SECOND} writes/s (LIVE_WRITES_PER_SECOND)`}

One production instance (\`node --expose-gc lib/cli/serve.mjs\`, FACTMARK_HEAP_REPORT=1) on a throwaway PostgreSQL database${WARMUP_SECONDS ? `, baseline taken after an unmeasured warm-up round (100 subscribers, ${WARMUP_SECONDS} s of writes)` : ""}, measured on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC. The machine (${os.cpus().length} cores) was shared with other work: load average ${load} before, ${loadMid} at mid-run, ${loadAfter} after.

**Fan-out:** ${subs.length} SSE subscribers (4 signed-in users, all allowed to see every claim), ${WRITES_PER_SECOND} claim writes a second scheduled for ${SECONDS} s (${total} writes, ${ok.length} answered 201${ok.length < total ? `, ${total - ok.length} refused or failed` : ""}; the last answer came after ${elapsed.toFixed(1)} s, so ${achieved.toFixed(1)} committed writes/s were sustained${achieved < WRITES_PER_SECOND * 0.95 ? `: **the target rate of ${WRITES_PER_SECOND}/s was not sustained on this machine**` : ""}).

| measure | value |
|---|---|
| deliveries expected (writes × subscribers) | ${expected.toLocaleString("en")} |
| events lost | ${lost} |
| events duplicated | ${duplicated} |
| latency, write answered → event received: p50 / p95 | ${pct(latFromAnswer, 50).toFixed(0)} ms / ${pct(latFromAnswer, 95).toFixed(0)} ms |
| latency, write's transaction began → event received: p50 / p95 | ${pct(latFromTx, 50).toFixed(0)} ms / ${pct(latFromTx, 95).toFixed(0)} ms |
| latency, write sent → event received: p50 / p95 | ${pct(latFromSend, 50).toFixed(0)} ms / ${pct(latFromSend, 95).toFixed(0)} ms |
| server CPU time during the fan-out (user + system), per committed write | ${cpuFanout.toFixed(1)} s, ${((cpuFanout / Math.max(1, ok.length)) * 1000).toFixed(1)} ms |
| the write itself (POST, commit included): p50 / p95 | ${pct(writeMs, 50).toFixed(0)} ms / ${pct(writeMs, 95).toFixed(0)} ms |
| server heap used after a forced GC: before / during / 10 s after all disconnected | ${mib(heapStart.heapUsed)} / ${heapMid ? mib(heapMid.heapUsed) : "—"} / ${mib(heapAfter.heapUsed)} (**${vs(heapAfter.heapUsed, heapStart.heapUsed)}** vs start) |
| server external + array buffers after a forced GC: before / after | ${mib(heapStart.external)} / ${mib(heapAfter.external)} (${vs(heapAfter.external, heapStart.external)}) |
| server RSS after a forced GC: before / after | ${mib(heapStart.rss)} / ${mib(heapAfter.rss)} (${vs(heapAfter.rss, heapStart.rss)}) |
| server RSS from /proc, no GC: before / during / after | ${mb(memStart)} / ${mb(memDuring)} / ${mb(memAfter)} |
| subscribers still registered in the relay: during / after all disconnected | ${heapMid?.subscribers ?? "—"} / ${heapAfter.subscribers} |
| relay counters after: events received / frames delivered / subscribers dropped | ${heapAfter.relayStats ? `${heapAfter.relayStats.received} / ${heapAfter.relayStats.delivered} / ${heapAfter.relayStats.dropped}` : "—"} |
| relay CPU time fanning events out (process.cpuUsage around dispatch), per event | ${heapAfter.relayStats?.dispatchCpuMicros !== undefined && heapAfter.relayStats.received ? `${(heapAfter.relayStats.dispatchCpuMicros / heapAfter.relayStats.received / 1000).toFixed(2)} ms for ${subs.length} subscribers` : "—"} |
| app database connections: idle / with ${subs.length} subscribers / after | ${connectionsAtStart} / ${connectionsWithSubscribers} / ${connectionsAfterFanout} |

**Churn:** ${churned.toLocaleString("en")} connects and disconnects in bursts of ${BURST} (every tenth joining an article's presence) in ${churnSeconds.toFixed(1)} s; ${churnErrors} refused.

| measure | before | after |
|---|---|---|
| pg_stat_activity rows for the app's database | ${churnStart.connections} | ${churnEnd.connections} |
| server RSS (no GC) | ${mb(churnStart.rss)} | ${mb(churnEnd.rss)} |
| server heap used after a forced GC | ${mib(heapAfter.heapUsed)} | ${mib(heapAfterChurn.heapUsed)} (${vs(heapAfterChurn.heapUsed, heapAfter.heapUsed)}) |
| subscribers still registered in the relay | — | ${heapAfterChurn.subscribers} |
| presence rows left | — | ${presence.n} |

The "write answered → received" latency is the delivery itself (the event is sent when the write commits, just before its response); "write sent" adds the write's own time.
`;
    const spaceGrowth = Object.entries(heapAfter.spaces ?? {}).map(([k, v]) => `${k} ${vs(v, heapStart.spaces?.[k] ?? v)} (${mib(v - (heapStart.spaces?.[k] ?? v))})`);
    console.log(`[bench:live] heap spaces after vs start: ${spaceGrowth.join(", ")}`);
    console.log(md);
    // Its own section: the earlier run ("live") stays as it was recorded.
    writeBenchmarkSection(`live-gc${WRITES_PER_SECOND === 20 ? "" : `-${WRITES_PER_SECOND}ps`}${WARMUP_SECONDS ? "-warm" : ""}`, md);
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
    await adminQuery(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
