// The worker thread that parses imports (issue 12, item 4) and fetched source pages (issue 18):
// jsdom, Readability, marked and sanitize-html run here, so a slow or hostile article or page costs
// this thread, never the server's event loop. It answers one job at a time; the pool
// (prepare-in-worker.ts) enforces time and memory.
import { parentPort } from "node:worker_threads";
import { isAppError } from "@/lib/errors";
import { pageFactsFromHtml } from "@/lib/snapshots/page-facts";
import { parseImport } from "../prepare-import";
import { WORKER_READY, type ImportReply, type WorkerJob } from "./messages";

const port = parentPort;
if (!port) throw new Error("parse-import-worker must run in a worker thread");

port.on("message", (job: WorkerJob) => {
  let reply: ImportReply;
  try {
    reply = { id: job.id, ok: true, result: job.kind === "facts" ? pageFactsFromHtml(job.html, job.url) : parseImport(job.format, job.content) };
  } catch (e) {
    reply = isAppError(e)
      ? { id: job.id, ok: false, error: { code: e.code, message: e.message, fieldErrors: e.fieldErrors } }
      : { id: job.id, ok: false, error: null, crash: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
});

port.postMessage(WORKER_READY);
