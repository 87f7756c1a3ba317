// One error type for expected failures, and the one place that maps it to HTTP. Anything that is
// not an AppError is a bug: it is logged and the user gets a generic message, never a stack trace.
// The exception is a database outage: it is not a bug, and it reads as 503 + Retry-After.
import { isDatabaseUnavailable } from "@/lib/db/unavailable";

export const APP_ERROR_STATUS = {
  INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  NOT_ACCEPTABLE: 406,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  PRECONDITION_REQUIRED: 428,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
} as const;

/** Seconds a client should wait before retrying after UNAVAILABLE (a database restart takes a few). */
export const RETRY_AFTER_SECONDS = 5;

export const DATABASE_UNAVAILABLE_MESSAGE = "The database is not reachable right now; nothing was saved. Try again in a few seconds.";

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

/**
 * Marks AppErrors by a registered symbol as well as by class: a production build can load this module
 * more than once (the import worker's entry shares code with the server's chunks), and an AppError
 * thrown by one copy fails `instanceof` against the other, which turned a 400 into a 500.
 */
const APP_ERROR_BRAND = Symbol.for("factmark.AppError");

export class AppError extends Error {
  readonly [APP_ERROR_BRAND] = true;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Field-level messages for forms, keyed by field path. */
    readonly fieldErrors?: Record<string, string[]>,
    /** Extra data the client needs, e.g. the fresh values on a CONFLICT. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError || (e instanceof Error && (e as unknown as Record<symbol, unknown>)[APP_ERROR_BRAND] === true && "code" in e && "status" in e);
}

export type ErrorBody = { error: { code: AppErrorCode | "INTERNAL"; message: string; fieldErrors?: Record<string, string[]>; details?: unknown } };

export function toErrorBody(e: unknown): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (isAppError(e)) {
    const headers = e.code === "UNAVAILABLE" ? { "Retry-After": String(RETRY_AFTER_SECONDS) } : undefined;
    return { status: e.status, headers, body: { error: { code: e.code, message: e.message, fieldErrors: e.fieldErrors, details: e.details } } };
  }
  if (isDatabaseUnavailable(e)) {
    console.warn(`[factmark] database unavailable: ${e instanceof Error ? e.message.trim().split("\n").pop() : String(e)}`);
    return toErrorBody(new AppError("UNAVAILABLE", DATABASE_UNAVAILABLE_MESSAGE));
  }
  console.error("[factmark] unexpected error", e);
  return { status: 500, body: { error: { code: "INTERNAL", message: "Something went wrong on our side. Nothing you saved was lost; please try again." } } };
}

/** JSON Response for a route handler. */
export function errorResponse(e: unknown): Response {
  const { status, body, headers } = toErrorBody(e);
  return Response.json(body, { status, headers });
}
