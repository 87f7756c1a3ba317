// Small helpers that keep route handlers thin: read the body, parse it with zod, map errors.
import type { z } from "zod";
import { AppError, errorResponse } from "@/lib/errors";
import { readGuardedJson } from "./request-guard";
import { fieldErrorsOf } from "@/lib/validation/claims";

/** The JSON body of a write: same origin, exactly application/json, at most 1 MB and 64 levels deep. */
export async function readJson(req: Request): Promise<unknown> {
  return readGuardedJson(req);
}

export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const fieldErrors = fieldErrorsOf(result.error);
    const first = result.error.issues[0];
    throw new AppError("INVALID", first ? `${first.path.length ? `${first.path.join(".")}: ` : ""}${first.message}` : "Invalid input.", fieldErrors);
  }
  return result.data;
}

/** Runs a route body; an AppError becomes its status with a JSON reason, anything else a logged 500. */
export async function handleRoute(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    return errorResponse(e);
  }
}
