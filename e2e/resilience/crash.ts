// npm run test:crash — crash safety of the embedded database (issue 12, Reliability): the app is
// killed with SIGKILL in the middle of a burst of claim-creating writes, started again on the same
// folder, and every write it had acknowledged (201 with the claim's id) must be there. Three
// rounds, killed once 15, 30 and 45 writes of the round were acknowledged (a count, not a time, so
// a slow machine still kills mid-burst, with the other clients' writes in flight).
// Prints `crash: N acknowledged, 0 lost`.
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { openDb } from "@/lib/db/client";
import { migratePglite } from "@/lib/db/migrate";
import { seedDatabase } from "@/lib/seed/seed";
import { startServer, stopServer } from "@/e2e/bench/server";
import { claimTarget, createReviewers, DEMO_PASSWORD, signIn, sleep, tally, writeClaim, type WriteResult } from "./http-clients";

const PORT = Number(process.env.CRASH_PORT ?? 3151);
const CLIENTS = 10;
const KILL_AFTER_ACKNOWLEDGED = [15, 30, 45];
const ROUND_LIMIT_MS = 60_000;

async function main() {
  const dataDir = path.resolve(`.data/crash-${randomBytes(4).toString("hex")}`);
  const url = `pglite:${dataDir}`;
  const base = `http://127.0.0.1:${PORT}`;
  const env = { NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), NEXTAUTH_URL: base };
  let exitCode = 1;
  try {
    const setup = await openDb(url);
    if (setup.kind !== "pglite") throw new Error("expected the embedded database");
    await migratePglite(setup.pglite);
    await seedDatabase(setup.prisma, { demoUsers: true });
    const emails = await createReviewers(setup.prisma, CLIENTS);
    const slug = (await setup.prisma.article.findFirstOrThrow({ select: { slug: true } })).slug;
    await setup.close();

    const acknowledged = new Set<string>();
    const statuses: WriteResult[] = [];
    for (const [round, killAfter] of KILL_AFTER_ACKNOWLEDGED.entries()) {
      const server = await startServer(PORT, url, env);
      const clients = await Promise.all(emails.map((email) => signIn(base, email, DEMO_PASSWORD)));
      const target = await claimTarget(base, clients[0], slug);
      const t0 = performance.now();
      let killed = false;
      let roundAcknowledged = 0;
      const workers = clients.map(async (client, i) => {
        for (let seq = 0; !killed && seq < 100_000; seq++) {
          const r = await writeClaim(base, client, i, target, round * 100_000 + seq, t0);
          statuses.push(r);
          if (r.status === 201 && r.claimId) {
            acknowledged.add(r.claimId);
            roundAcknowledged++;
          }
        }
      });
      while (roundAcknowledged < killAfter && performance.now() - t0 < ROUND_LIMIT_MS) await sleep(5);
      // The lock file names the process that owns the folder: Next's server, not the npm start wrapper.
      const owner = Number(readFileSync(`${dataDir}.lock`, "utf8"));
      const exited = new Promise((r) => server.once("exit", r));
      process.kill(owner, "SIGKILL");
      killed = true;
      await Promise.all(workers);
      await exited;
      console.log(`round ${round + 1}: killed process ${owner} after ${((performance.now() - t0) / 1000).toFixed(1)} s and ${roundAcknowledged} acknowledged writes; ${acknowledged.size} in all`);
    }

    // Started again after the last kill: the server must open the folder and recover by itself.
    const restarted = await startServer(PORT, url, env);
    await stopServer(restarted);
    const check = await openDb(url);
    const stored = new Set((await check.prisma.claim.findMany({ where: { explanation: { startsWith: "resilience " } }, select: { id: true } })).map((c) => c.id));
    await check.close();
    const lost = [...acknowledged].filter((id) => !stored.has(id));
    const unacknowledged = [...stored].filter((id) => !acknowledged.has(id)).length;
    console.log(`writes by status: ${JSON.stringify(tally(statuses))} ("network", "cut": cut off by the kill)`);
    console.log(`crash: ${acknowledged.size} acknowledged, ${lost.length} lost, ${unacknowledged} stored without an answer (in flight at the kill), ${KILL_AFTER_ACKNOWLEDGED.length} kills`);
    if (lost.length) console.error(`FAILED: ${lost.length} acknowledged writes are missing after kill -9`);
    else if (acknowledged.size === 0) console.error("FAILED: no write was acknowledged, so nothing was tested");
    else exitCode = 0;
  } finally {
    for (const p of [dataDir, `${dataDir}.lock`, `${dataDir}.control`]) rmSync(p, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
