import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "./schemas";

/** Parses input with a schema, or throws INVALID with the first message and per-field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const fieldErrors = fieldErrorsOf(result.error);
    throw new AppError("INVALID", result.error.issues[0]?.message ?? "The request is not valid.", fieldErrors);
  }
  return result.data;
}

export function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string })?.code === "P2002";
}

export const DUPLICATE_EMAIL = "A user with this email address already exists.";
