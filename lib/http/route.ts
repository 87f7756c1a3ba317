// Small helpers that keep route handlers thin: read the body, parse it with zod, map errors.
import type { z } from "zod";
import { AppError, errorResponse } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation/claims";

const MAX_JSON_BYTES = 1024 * 1024;

export async function readJson(req: Request): Promise<unknown> {
  const raw = await req.text();
  if (raw.length > MAX_JSON_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The request is too large (1 MB at most).");
  if (!raw.trim()) throw new AppError("INVALID", "The request has no body: send a JSON object.");
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError("INVALID", "The request body is not valid JSON.");
  }
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
