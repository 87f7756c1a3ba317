// One error type for expected failures, and the one place that maps it to HTTP. Anything that is
// not an AppError is a bug: it is logged and the user gets a generic message, never a stack trace.
export const APP_ERROR_STATUS = {
  INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export class AppError extends Error {
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
  return e instanceof AppError;
}

export type ErrorBody = { error: { code: AppErrorCode | "INTERNAL"; message: string; fieldErrors?: Record<string, string[]>; details?: unknown } };

export function toErrorBody(e: unknown): { status: number; body: ErrorBody } {
  if (isAppError(e)) {
    return { status: e.status, body: { error: { code: e.code, message: e.message, fieldErrors: e.fieldErrors, details: e.details } } };
  }
  console.error("[factmark] unexpected error", e);
  return { status: 500, body: { error: { code: "INTERNAL", message: "Something went wrong on our side. Nothing you saved was lost; please try again." } } };
}

/** JSON Response for a route handler. */
export function errorResponse(e: unknown): Response {
  const { status, body } = toErrorBody(e);
  return Response.json(body, { status });
}
