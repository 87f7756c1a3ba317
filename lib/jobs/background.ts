import "server-only";
// The background worker every app instance runs (issue 18), started from instrumentation.ts. Several
// instances are safe: jobs are taken with FOR UPDATE SKIP LOCKED (./queue.ts) and schedules add their
// jobs under dedupe keys, so each is added once whoever schedules it.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { getPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recheckHours, runSnapshotJob, scheduleRechecks, SNAPSHOT_JOB } from "@/lib/snapshots/take-snapshot";
import { startWorker, type JobHandlers, type Worker } from "./queue";

const holder = globalThis as typeof globalThis & { __factmarkWorker?: Worker };

export type Scheduler = { name: string; everyMs: number; run: (prisma: PrismaClient) => Promise<unknown> };

const extra: { handlers: JobHandlers; schedulers: Scheduler[] } = { handlers: {}, schedulers: [] };

/** Other modules (email) add their job kinds and schedules before the worker starts. */
export function registerJobs(handlers: JobHandlers, schedulers: Scheduler[] = []): void {
  Object.assign(extra.handlers, handlers);
  extra.schedulers.push(...schedulers);
}

export function jobHandlers(prisma: PrismaClient): JobHandlers {
  return { [SNAPSHOT_JOB]: (payload) => runSnapshotJob(prisma, payload), ...extra.handlers };
}

export async function startBackgroundWorker(): Promise<Worker | null> {
  if (process.env.FACTMARK_WORKER === "0") return null;
  if (holder.__factmarkWorker) return holder.__factmarkWorker;
  const prisma = await getPrisma();
  const schedulers: Scheduler[] = [{ name: "source re-checks", everyMs: Math.min(60_000, recheckHours() * 3600_000), run: scheduleRechecks }, ...extra.schedulers];
  const lastRun = new Map<string, number>();
  const worker = startWorker({
    prisma: getPrisma,
    handlers: jobHandlers(prisma),
    id: `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`,
    pollMs: Number(process.env.FACTMARK_WORKER_POLL_MS) || 2000,
    log: (m) => console.warn(m),
    tick: async (p) => {
      for (const s of schedulers) {
        if (Date.now() - (lastRun.get(s.name) ?? 0) < s.everyMs) continue;
        lastRun.set(s.name, Date.now());
        await s.run(p).catch((e) => console.warn(`[jobs] ${s.name} failed: ${e instanceof Error ? e.message : e}`));
      }
    },
  });
  holder.__factmarkWorker = worker;
  console.log(`[jobs] background worker ${worker.id} started`);
  return worker;
}

export async function stopBackgroundWorker(): Promise<void> {
  const w = holder.__factmarkWorker;
  holder.__factmarkWorker = undefined;
  await w?.stop();
}
