import { describe, expect, it, vi } from "vitest";
import { AppError, errorResponse, isAppError } from "./errors";

describe("isAppError", () => {
  it("recognises an AppError thrown by another copy of this module, so it keeps its 4xx", async () => {
    vi.resetModules();
    const other = await import("./errors");
    expect(other.AppError).not.toBe(AppError);
    const foreign = new other.AppError("INVALID", "The article text is empty.");
    expect(foreign instanceof AppError).toBe(false);
    expect(isAppError(foreign)).toBe(true);
    const res = errorResponse(foreign);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "INVALID", message: "The article text is empty." } });
  });

  it("does not take other errors for AppErrors", () => {
    expect(isAppError(new Error("boom"))).toBe(false);
    expect(isAppError(Object.assign(new Error("x"), { code: "INVALID" }))).toBe(false);
    expect(isAppError({ code: "INVALID", status: 400, message: "not an error" })).toBe(false);
    expect(isAppError(new AppError("NOT_FOUND", "gone"))).toBe(true);
  });
});
