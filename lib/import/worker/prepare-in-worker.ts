import "server-only";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/errors";
import type { PageFacts } from "@/lib/snapshots/page-facts";
import { checkImportInput, type PreparedImport, type TImportFormat } from "../prepare-import";
import { WORKER_READY, type JobResult, type WorkerJob, type WorkerMessage } from "./messages";

/**
 * Imports are parsed in worker threads (issue 12, item 4: one hostile import blocked every request for
 * 77 s). A worker that runs past its time or memory is terminated and replaced; the request gets a 4xx.
 * Few workers, each reused, and a short queue: parsing is CPU work, and more threads than cores would
 * only slow the readers down. Fetched source pages (issue 18) are parsed by the same pool: one budget of
 * threads and memory for all untrusted HTML, whichever feature brought it in.
 */
export type ImportPoolLimits = { timeLimitMs: number; memoryLimitMb: number; workers: number; queueLimit: number };

export const IMPORT_POOL_LIMITS: ImportPoolLimits = { timeLimitMs: 10_000, memoryLimitMb: 512, workers: 2, queueLimit: 8 };

type Pending = { job: WorkerJob; resolve: (r: JobResult) => void; reject: (e: unknown) => void };
/** A worker and whether it has said it is ready (its parsers loaded). */
type Slot = { worker: Worker | null; ready: Promise<void> | null; busy: boolean };

/** How long a worker may take to start and load its parsers before the job fails. */
const STARTUP_LIMIT_MS = 60_000;

function startWorker(slot: Slot, memoryLimitMb: number, entry: URL | undefined): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: memoryLimitMb };
  // Inside Next (NEXT_RUNTIME is set), Turbopack bundles `new Worker(new URL(…, import.meta.url))` as an
  // entry of its own. Elsewhere (vitest, tsx scripts) the modules run from source: a bootstrap registers
  // tsx in the thread and imports the TypeScript worker. (import.meta.url cannot tell the two apart: in
  // the build it still names the .ts source.)
  const worker = entry
    ? new Worker(entry, { resourceLimits })
    : process.env.NEXT_RUNTIME
      ? new Worker(new URL("./parse-import-worker.ts", import.meta.url), { resourceLimits })
      : new Worker(new URL(import.meta.url.replace(/[^/]+$/, "source-bootstrap.mjs")), {
          resourceLimits,
          workerData: { entry: import.meta.url.replace(/[^/]+$/, "parse-import-worker.ts") },
        });
  // Kept for the worker's whole life: an "error" event without a listener would crash the server.
  worker.on("error", (err) => console.error("[factmark] import worker failed", err));
  worker.on("exit", () => {
    if (slot.worker === worker) {
      slot.worker = null;
      slot.ready = null;
    }
  });
  slot.ready = new Promise((resolve) => {
    const onReady = (m: WorkerMessage) => {
      if (m !== WORKER_READY) return;
      worker.off("message", onReady);
      resolve();
    };
    worker.on("message", onReady);
  });
  // An idle worker must not keep a script or test process alive.
  worker.unref();
  return worker;
}

export class ImportWorkerPool {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private nextId = 1;

  /** `entry` replaces the parsing worker, for tests of the pool itself. */
  constructor(
    readonly limits: ImportPoolLimits = IMPORT_POOL_LIMITS,
    private readonly entry?: URL,
  ) {
    this.slots = Array.from({ length: limits.workers }, () => ({ worker: null, ready: null, busy: false }));
  }

  /**
   * Checks an import in this thread (linear work), then parses it in a worker within the time and memory
   * limits. Throws AppError: the import's own refusals, INVALID when it takes too long, PAYLOAD_TOO_LARGE
   * when it needs too much memory, TOO_MANY_REQUESTS when too many imports are already waiting.
   */
  prepare(format: TImportFormat, content: string): Promise<PreparedImport> {
    try {
      checkImportInput(format, content);
    } catch (e) {
      return Promise.reject(e);
    }
    return this.submit({ id: this.nextId++, kind: "import", format, content }) as Promise<PreparedImport>;
  }

  /**
   * Title, publisher, date, readable text and sanitized HTML of a fetched page, parsed in a worker within
   * the same limits. The caller checks the page's shape first (checkHtmlShape; extract.ts does).
   */
  extractPageFacts(html: string, url: string): Promise<PageFacts> {
    return this.submit({ id: this.nextId++, kind: "facts", html, url }) as Promise<PageFacts>;
  }

  private submit(job: WorkerJob): Promise<JobResult> {
    if (this.queue.length >= this.limits.queueLimit) {
      return Promise.reject(new AppError("TOO_MANY_REQUESTS", "Factmark is processing too many articles and pages right now. Try again in a minute."));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /** Ends every worker (tests and scripts; the server keeps its pool for its lifetime). */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker?.terminate()));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!this.queue.length) return;
      if (!slot.busy) this.run(slot, this.queue.shift()!);
    }
  }

  private run(slot: Slot, pending: Pending): void {
    const { timeLimitMs, memoryLimitMb } = this.limits;
    slot.busy = true;
    const worker = (slot.worker ??= startWorker(slot, memoryLimitMb, this.entry));
    const ready = slot.ready!;
    worker.ref();
    let settled = false;
    const finish = (outcome: { result: JobResult } | { error: unknown }, discardWorker: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      if (discardWorker) {
        if (slot.worker === worker) {
          slot.worker = null;
          slot.ready = null;
        }
        void worker.terminate();
      } else {
        worker.unref();
      }
      slot.busy = false;
      if ("result" in outcome) pending.resolve(outcome.result);
      else pending.reject(outcome.error);
      this.dispatch();
    };
    const onMessage = (reply: WorkerMessage) => {
      if (reply === WORKER_READY || reply.id !== pending.job.id) return;
      if (reply.ok) finish({ result: reply.result }, false);
      else if (reply.error) finish({ error: new AppError(reply.error.code, reply.error.message, reply.error.fieldErrors) }, false);
      else finish({ error: new Error(`import worker failed: ${reply.crash}`) }, false);
    };
    const page = pending.job.kind === "facts";
    const onError = (err: Error & { code?: string }) => {
      if (err.code === "ERR_WORKER_OUT_OF_MEMORY") {
        const message = page
          ? `The page needs more than ${memoryLimitMb} MB of memory to process; Factmark did not read it.`
          : `The article needs more than ${memoryLimitMb} MB of memory to process. Import a shorter or simpler text.`;
        finish({ error: new AppError("PAYLOAD_TOO_LARGE", message) }, true);
      } else {
        finish({ error: err }, true);
      }
    };
    const onExit = (code: number) => finish({ error: new Error(`import worker exited with code ${code}`) }, true);
    const tooSlow = () => {
      const seconds = timeLimitMs / 1000;
      const message = page
        ? `The page took too long to process (more than ${seconds} s); Factmark did not read it.`
        : `The article took too long to process (more than ${seconds} s) and was not imported. Import a shorter or simpler text, or paste it as plain text.`;
      finish({ error: new AppError("INVALID", message, { [page ? "url" : "content"]: ["Processing took too long."] }) }, true);
    };
    let timer = setTimeout(() => finish({ error: new Error(`import worker did not start within ${STARTUP_LIMIT_MS / 1000} s`) }, true), STARTUP_LIMIT_MS);
    worker.on("message", onMessage);
    worker.once("error", onError);
    worker.once("exit", onExit);
    void ready.then(() => {
      if (settled) return;
      clearTimeout(timer);
      timer = setTimeout(tooSlow, timeLimitMs);
      worker.postMessage(pending.job);
    });
  }
}

// One pool per process, even if the bundler gives several routes their own copy of this module.
const globalForPool = globalThis as typeof globalThis & { factmarkImportPool?: ImportWorkerPool };
const pool = (globalForPool.factmarkImportPool ??= new ImportWorkerPool());

/** Prepares an import in the server's worker pool (see ImportWorkerPool.prepare). */
export function prepareImportInWorker(format: TImportFormat, content: string): Promise<PreparedImport> {
  return pool.prepare(format, content);
}

/** Parses a fetched page's facts in the server's worker pool (see ImportWorkerPool.extractPageFacts). */
export function extractPageFactsInWorker(html: string, url: string): Promise<PageFacts> {
  return pool.extractPageFacts(html, url);
}
