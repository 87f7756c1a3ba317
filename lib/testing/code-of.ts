import { AppError } from "@/lib/errors";

/** "OK", or the AppError code the call was refused with; anything else is a test failure. */
export async function codeOf(call: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof call === "function" ? call() : call);
    return "OK";
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}
