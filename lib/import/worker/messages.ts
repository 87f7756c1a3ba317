import type { AppErrorCode } from "@/lib/errors";
import type { PreparedImport, TImportFormat } from "../prepare-import";

/** What the server thread and the import worker say to each other. */
export type ImportJob = { id: number; format: TImportFormat; content: string };

export type ImportReply =
  | { id: number; ok: true; result: PreparedImport }
  /** An expected refusal (AppError), rebuilt on the server side; or `error: null` and the crash text for a bug. */
  | { id: number; ok: false; error: { code: AppErrorCode; message: string; fieldErrors?: Record<string, string[]> }; crash?: undefined }
  | { id: number; ok: false; error: null; crash: string };

/** Sent once the worker has loaded its parsers: a job's time limit counts from then, not from a cold start. */
export const WORKER_READY = "ready";
export type WorkerMessage = typeof WORKER_READY | ImportReply;
