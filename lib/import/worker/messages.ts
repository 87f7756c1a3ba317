import type { AppErrorCode } from "@/lib/errors";
import type { PageFacts } from "@/lib/snapshots/page-facts";
import type { PreparedImport, TImportFormat } from "../prepare-import";

/**
 * What the server thread and a parsing worker say to each other. One pool parses both kinds of
 * untrusted HTML: articles being imported (issue 12) and fetched source pages (issue 18).
 */
export type ImportJob = { id: number; kind: "import"; format: TImportFormat; content: string };
export type FactsJob = { id: number; kind: "facts"; html: string; url: string };
export type WorkerJob = ImportJob | FactsJob;
export type JobResult = PreparedImport | PageFacts;

export type ImportReply =
  | { id: number; ok: true; result: JobResult }
  /** An expected refusal (AppError), rebuilt on the server side; or `error: null` and the crash text for a bug. */
  | { id: number; ok: false; error: { code: AppErrorCode; message: string; fieldErrors?: Record<string, string[]> }; crash?: undefined }
  | { id: number; ok: false; error: null; crash: string };

/** Sent once the worker has loaded its parsers: a job's time limit counts from then, not from a cold start. */
export const WORKER_READY = "ready";
export type WorkerMessage = typeof WORKER_READY | ImportReply;
