import "server-only";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/errors";
import { checkImportInput, type PreparedImport, type TImportFormat } from "../prepare-import";
import type { ImportJob, ImportReply } from "./messages";

/**
 * Imports are parsed in worker threads (issue 12, item 4: one hostile import blocked every request for
 * 77 s). A worker that runs past its time or memory is terminated and replaced; the request gets a 4xx.
 * Few workers, each reused, and a short queue: parsing is CPU work, and more threads than cores would
 * only slow the readers down.
 */
export const IMPORT_TIME_LIMIT_MS = 10_000;
export const IMPORT_MEMORY_LIMIT_MB = 512;
export const IMPORT_WORKERS = 2;
export const IMPORT_QUEUE_LIMIT = 8;

type Pending = { job: ImportJob; resolve: (r: PreparedImport) => void; reject: (e: unknown) => void };
type Slot = { worker: Worker | null; busy: boolean };

const slots: Slot[] = Array.from({ length: IMPORT_WORKERS }, () => ({ worker: null, busy: false }));
const queue: Pending[] = [];
let nextId = 1;

function startWorker(slot: Slot): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: IMPORT_MEMORY_LIMIT_MB };
  // Turbopack bundles `new Worker(new URL(…, import.meta.url))` as an entry of its own in the build.
  // Run from source (vitest, tsx scripts), this module's URL ends in .ts: a bootstrap registers tsx in
  // the thread and imports the TypeScript worker.
  const worker = import.meta.url.endsWith(".ts")
    ? new Worker(new URL(import.meta.url.replace(/[^/]+$/, "source-bootstrap.mjs")), {
        resourceLimits,
        workerData: { entry: import.meta.url.replace(/[^/]+$/, "parse-import-worker.ts") },
      })
    : new Worker(new URL("./parse-import-worker.ts", import.meta.url), { resourceLimits });
  // Kept for the worker's whole life: an "error" event without a listener would crash the server.
  worker.on("error", (err) => console.error("[factmark] import worker failed", err));
  worker.on("exit", () => {
    if (slot.worker === worker) slot.worker = null;
  });
  // An idle worker must not keep a script or test process alive.
  worker.unref();
  return worker;
}

function run(slot: Slot, pending: Pending): void {
  slot.busy = true;
  const worker = (slot.worker ??= startWorker(slot));
  worker.ref();
  const finish = (outcome: { result: PreparedImport } | { error: unknown }, discardWorker: boolean) => {
    clearTimeout(timer);
    worker.off("message", onMessage);
    worker.off("error", onError);
    worker.off("exit", onExit);
    if (discardWorker) {
      if (slot.worker === worker) slot.worker = null;
      void worker.terminate();
    } else {
      worker.unref();
    }
    slot.busy = false;
    if ("result" in outcome) pending.resolve(outcome.result);
    else pending.reject(outcome.error);
    dispatch();
  };
  const onMessage = (reply: ImportReply) => {
    if (reply.id !== pending.job.id) return;
    if (reply.ok) finish({ result: reply.result }, false);
    else if (reply.error) finish({ error: new AppError(reply.error.code, reply.error.message, reply.error.fieldErrors) }, false);
    else finish({ error: new Error(`import worker failed: ${reply.crash}`) }, false);
  };
  const onError = (err: Error & { code?: string }) => {
    if (err.code === "ERR_WORKER_OUT_OF_MEMORY") {
      finish({ error: new AppError("PAYLOAD_TOO_LARGE", `The article needs more than ${IMPORT_MEMORY_LIMIT_MB} MB of memory to process. Import a shorter or simpler text.`) }, true);
    } else {
      finish({ error: err }, true);
    }
  };
  const onExit = (code: number) => finish({ error: new Error(`import worker exited with code ${code}`) }, true);
  const timer = setTimeout(
    () =>
      finish(
        { error: new AppError("INVALID", `The article took too long to process (more than ${IMPORT_TIME_LIMIT_MS / 1000} s) and was not imported. Import a shorter or simpler text, or paste it as plain text.`, { content: ["Processing took too long."] }) },
        true,
      ),
    IMPORT_TIME_LIMIT_MS,
  );
  worker.on("message", onMessage);
  worker.once("error", onError);
  worker.once("exit", onExit);
  worker.postMessage(pending.job);
}

function dispatch(): void {
  for (const slot of slots) {
    if (!queue.length) return;
    if (!slot.busy) run(slot, queue.shift()!);
  }
}

/**
 * Checks an import in this thread (linear work), then parses it in a worker within the time and memory
 * limits. Throws AppError: the import's own refusals, INVALID when it takes too long, PAYLOAD_TOO_LARGE
 * when it needs too much memory, TOO_MANY_REQUESTS when too many imports are already waiting.
 */
export function prepareImportInWorker(format: TImportFormat, content: string): Promise<PreparedImport> {
  checkImportInput(format, content);
  if (queue.length >= IMPORT_QUEUE_LIMIT) {
    return Promise.reject(new AppError("TOO_MANY_REQUESTS", "Factmark is processing too many imports right now. Try again in a minute."));
  }
  return new Promise((resolve, reject) => {
    queue.push({ job: { id: nextId++, format, content }, resolve, reject });
    dispatch();
  });
}
