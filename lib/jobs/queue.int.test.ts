// The queue's rules (issue 18): at least once (a crashed worker's job is retried; a failing job is
// retried with back-off and then kept as failed) and never twice (two workers, each with its own
// database connection as two instances would have, never run the same job).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "@/lib/db/client";
import { ENGINES, type TestDatabase } from "@/lib/testing/databases";
import { completeJob, enqueueJobs, failJob, runJobsOnce, startWorker, takeJobs } from "./queue";

describe.each(ENGINES)("job queue on $name", ({ create, name }) => {
  let t: TestDatabase;
  let second: Db; // another instance's connection (PGlite: the same one; it is one process)
  beforeAll(async () => {
    t = await create();
    second = name === "PostgreSQL" ? await openDb(t.url) : t.db;
  });
  afterAll(async () => {
    if (second !== t.db) await second.close();
    await t.drop();
  });

  it("adds a job with a dedupe key once", async () => {
    expect(await enqueueJobs(t.db.prisma, [{ kind: "T", payload: {}, dedupeKey: "once" }])).toBe(1);
    expect(await enqueueJobs(second.prisma, [{ kind: "T", payload: {}, dedupeKey: "once" }])).toBe(0);
    expect(await t.db.prisma.job.count({ where: { dedupeKey: "once" } })).toBe(1);
    await t.db.prisma.job.deleteMany();
  });

  it("two workers running at once take every job exactly once", async () => {
    const N = 60;
    await enqueueJobs(
      t.db.prisma,
      Array.from({ length: N }, (_, i) => ({ kind: "COUNT", payload: { i } })),
    );
    const runs: string[] = [];
    const handler = async (payload: unknown, job: { lockedBy: string | null }) => {
      runs.push(`${(payload as { i: number }).i}`);
      expect(job.lockedBy).toMatch(/^w[12]$/);
      await new Promise((r) => setTimeout(r, Math.random() * 10));
    };
    const a = startWorker({ prisma: async () => t.db.prisma, handlers: { COUNT: handler }, id: "w1", pollMs: 20 });
    const b = startWorker({ prisma: async () => second.prisma, handlers: { COUNT: handler }, id: "w2", pollMs: 20 });
    const deadline = Date.now() + 30_000;
    while ((await t.db.prisma.job.count({ where: { kind: "COUNT", doneAt: null } })) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await Promise.all([a.stop(), b.stop()]);
    expect(runs.length).toBe(N);
    expect(new Set(runs).size).toBe(N);
    const byWorker = await t.db.prisma.job.groupBy({ by: ["lockedBy"], where: { kind: "COUNT" }, _count: true });
    expect(byWorker.reduce((n, g) => n + g._count, 0)).toBe(N);
    await t.db.prisma.job.deleteMany();
  });

  it("a job taken by a worker that died is taken again when its lease runs out; the dead worker cannot complete it", async () => {
    await enqueueJobs(t.db.prisma, [{ kind: "CRASH", payload: {} }]);
    const [taken] = await takeJobs(t.db.prisma, "dies", { leaseMs: 500 });
    expect(taken).toBeDefined();
    // While the lease holds, nobody else gets it.
    expect(await takeJobs(second.prisma, "survivor", { leaseMs: 60_000 })).toEqual([]);
    await new Promise((r) => setTimeout(r, 700));
    const ran: string[] = [];
    expect(await runJobsOnce(second.prisma, "survivor", { CRASH: async () => void ran.push("survivor") })).toBe(1);
    expect(ran).toEqual(["survivor"]);
    expect(await completeJob(t.db.prisma, taken)).toBe(false); // the old attempt's late "done" is refused
    const row = await t.db.prisma.job.findUniqueOrThrow({ where: { id: taken.id } });
    expect(row.doneAt).not.toBeNull();
    expect(row.attempts).toBe(2);
    expect(row.lockedBy).toBe("survivor");
    await t.db.prisma.job.deleteMany();
  });

  it("a failing job is retried with back-off, then kept as failed with its reason", async () => {
    await enqueueJobs(t.db.prisma, [{ kind: "FAIL", payload: {}, maxAttempts: 2 }]);
    const boom = { FAIL: async () => Promise.reject(new Error("smtp said no")) };
    expect(await runJobsOnce(t.db.prisma, "w", boom)).toBe(1);
    let row = await t.db.prisma.job.findFirstOrThrow({ where: { kind: "FAIL" } });
    expect(row.lastError).toBe("smtp said no");
    expect(row.failedAt).toBeNull();
    expect(row.runAt.getTime()).toBeGreaterThan(Date.now() + 20_000); // back-off: 30 s
    expect(await runJobsOnce(t.db.prisma, "w", boom)).toBe(0); // not due yet
    await t.db.prisma.job.update({ where: { id: row.id }, data: { runAt: new Date(Date.now() - 1000) } });
    expect(await runJobsOnce(t.db.prisma, "w", boom)).toBe(1);
    row = await t.db.prisma.job.findFirstOrThrow({ where: { kind: "FAIL" } });
    expect(row.failedAt).not.toBeNull();
    expect(row.attempts).toBe(2);
    await t.db.prisma.job.update({ where: { id: row.id }, data: { runAt: new Date(Date.now() - 1000) } });
    expect(await runJobsOnce(t.db.prisma, "w", boom)).toBe(0); // given up
    await t.db.prisma.job.deleteMany();
  });

  it("failJob from a worker that lost its lease changes nothing", async () => {
    await enqueueJobs(t.db.prisma, [{ kind: "LOST", payload: {} }]);
    const [old] = await takeJobs(t.db.prisma, "old", { leaseMs: 1 });
    await new Promise((r) => setTimeout(r, 20));
    const [fresh] = await takeJobs(second.prisma, "new", { leaseMs: 60_000 });
    expect(fresh.id).toBe(old.id);
    await failJob(t.db.prisma, old, "late failure");
    expect((await t.db.prisma.job.findUniqueOrThrow({ where: { id: old.id } })).lockedBy).toBe("new");
    expect(await completeJob(second.prisma, fresh)).toBe(true);
    await t.db.prisma.job.deleteMany();
  });
});
