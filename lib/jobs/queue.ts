// A job queue in the database (issue 18): an outbox table ("Job") taken with FOR UPDATE SKIP LOCKED.
// Why not a library: pg-boss and graphile-worker need LISTEN/NOTIFY, advisory locks or their own
// schema migrations run over a pg connection, and neither runs on PGlite through Prisma; Factmark must
// run the same code on both (docs/decisions.md, issue 18).
//
// The rules:
// - at least once: a job is taken with a lease (lockedUntil). A worker that dies mid-job never marks
//   it done, the lease runs out, and the next worker takes it again. A handler that throws is retried
//   with exponential back-off until maxAttempts, then kept as failed with its reason.
// - never twice at once: taking is one UPDATE over rows chosen with FOR UPDATE SKIP LOCKED, so two
//   workers (two instances) never take the same row; and completing checks the worker still holds the
//   lease (lockedBy + attempts), so a worker whose lease ran out cannot mark someone else's attempt.
//   Handlers are bounded in time (fetch 10 s, SMTP 30 s) far below the lease (5 min), so a job is
//   only run again when its worker really stopped.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export type JobRow = {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
};

export type EnqueueInput = { kind: string; payload: Prisma.InputJsonValue; dedupeKey?: string; runAt?: Date; maxAttempts?: number };

/** Adds jobs; a job whose dedupeKey exists already is skipped. Returns how many were added. */
export async function enqueueJobs(prisma: Pick<PrismaClient, "job">, jobs: EnqueueInput[]): Promise<number> {
  if (!jobs.length) return 0;
  const { count } = await prisma.job.createMany({ data: jobs, skipDuplicates: true });
  return count;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;

/** Takes up to `limit` due jobs for this worker. */
export async function takeJobs(prisma: PrismaClient, workerId: string, opts: { limit?: number; leaseMs?: number } = {}): Promise<JobRow[]> {
  const limit = opts.limit ?? 5;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  // Timestamps are stored as UTC without a zone (Prisma's convention), so "now" is the database's
  // clock in UTC: every instance compares against the same clock.
  return prisma.$queryRaw<JobRow[]>`
    UPDATE "Job" SET "lockedBy" = ${workerId},
      "lockedUntil" = (now() AT TIME ZONE 'UTC') + make_interval(secs => ${leaseMs / 1000}),
      "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "Job"
      WHERE "doneAt" IS NULL AND "failedAt" IS NULL AND "runAt" <= (now() AT TIME ZONE 'UTC')
        AND ("lockedUntil" IS NULL OR "lockedUntil" < (now() AT TIME ZONE 'UTC'))
      ORDER BY "runAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING "id", "kind", "payload", "attempts", "maxAttempts", "lockedBy"`;
}

/** Marks the job done if this worker still holds this attempt; false if the lease was lost. */
export async function completeJob(prisma: PrismaClient, job: JobRow, opts: { erasePayload?: boolean } = {}): Promise<boolean> {
  const { count } = await prisma.job.updateMany({
    where: { id: job.id, lockedBy: job.lockedBy, attempts: job.attempts, doneAt: null },
    // An email's payload can hold an invitation link; once sent it is not kept.
    data: { doneAt: new Date(), lockedUntil: null, lastError: null, ...(opts.erasePayload ? { payload: {} } : {}) },
  });
  return count === 1;
}

/** Seconds before attempt n+1: 30 s, 1 min, 2 min … capped at 6 h. */
export function backoffSeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 6 * 3600);
}

export async function failJob(prisma: PrismaClient, job: JobRow, error: string, opts: { retryInSeconds?: number } = {}): Promise<void> {
  const last = job.attempts >= job.maxAttempts;
  const delay = opts.retryInSeconds ?? backoffSeconds(job.attempts);
  await prisma.job.updateMany({
    where: { id: job.id, lockedBy: job.lockedBy, attempts: job.attempts, doneAt: null },
    data: last
      ? { failedAt: new Date(), lockedUntil: null, lastError: error.slice(0, 1000) }
      : { runAt: new Date(Date.now() + delay * 1000), lockedBy: null, lockedUntil: null, lastError: error.slice(0, 1000) },
  });
}

export type JobHandler = (payload: unknown, job: JobRow) => Promise<unknown>;
export type JobHandlers = Record<string, JobHandler>;

/** Runs one round: takes due jobs, runs them, records the outcome. Returns how many it took. */
export type RunOptions = { limit?: number; leaseMs?: number };

/** What a handler may return: `{ erasePayload: true }` clears the job's payload once done (an email's link). */
const wantsErase = (r: unknown) => typeof r === "object" && r !== null && (r as { erasePayload?: unknown }).erasePayload === true;

export async function runJobsOnce(prisma: PrismaClient, workerId: string, handlers: JobHandlers, opts: RunOptions = {}): Promise<number> {
  const jobs = await takeJobs(prisma, workerId, opts);
  await Promise.all(
    jobs.map(async (job) => {
      const handler = handlers[job.kind];
      try {
        if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
        const result = await handler(job.payload, job);
        await completeJob(prisma, job, { erasePayload: wantsErase(result) });
      } catch (e) {
        await failJob(prisma, job, e instanceof Error ? e.message : String(e)).catch(() => {});
      }
    }),
  );
  return jobs.length;
}

export type Worker = { stop: () => Promise<void>; id: string };

/**
 * Polls for due jobs until stopped. Every app instance runs one; the database keeps them apart.
 * `tick` runs before each round (schedules: daily digest, source re-checks), errors there are logged.
 */
export function startWorker(opts: { prisma: () => Promise<PrismaClient>; handlers: JobHandlers; id: string; pollMs?: number; leaseMs?: number; tick?: (prisma: PrismaClient) => Promise<void>; log?: (msg: string) => void }): Worker {
  const pollMs = opts.pollMs ?? 2000;
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      let took = 0;
      try {
        const prisma = await opts.prisma();
        await opts.tick?.(prisma);
        took = await runJobsOnce(prisma, opts.id, opts.handlers, { leaseMs: opts.leaseMs });
      } catch (e) {
        opts.log?.(`[jobs] round failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (took > 0 || stopped) continue;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, pollMs).unref?.();
      });
    }
  })();
  return {
    id: opts.id,
    stop: async () => {
      stopped = true;
      (wake as (() => void) | null)?.();
      await loop;
    },
  };
}
