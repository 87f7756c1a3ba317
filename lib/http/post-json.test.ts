import { afterEach, describe, expect, it, vi } from "vitest";
import { firstErrors, postJson } from "./post-json";

const answer = (status: number, body: unknown) => vi.fn(async () => new Response(typeof body === "string" ? body : JSON.stringify(body), { status }));

afterEach(() => vi.unstubAllGlobals());

describe("postJson", () => {
  it("sends JSON with the method asked for and returns the answer", async () => {
    const fetch = answer(200, { claim: { version: 3 } });
    vi.stubGlobal("fetch", fetch);
    expect(await postJson("/api/x", { a: 1 }, "PUT")).toEqual({ ok: true, data: { claim: { version: 3 } } });
    expect(fetch).toHaveBeenCalledWith("/api/x", { method: "PUT", headers: { "content-type": "application/json" }, body: '{"a":1}' });
  });

  it("passes on the server's message, field messages and details", async () => {
    vi.stubGlobal("fetch", answer(409, { error: { message: "Someone else changed it.", fieldErrors: { reason: ["Give a reason."] }, details: { current: { id: "c1" } } } }));
    expect(await postJson("/api/x")).toEqual({ ok: false, status: 409, message: "Someone else changed it.", fieldErrors: { reason: ["Give a reason."] }, details: { current: { id: "c1" } } });
  });

  it("turns an answer that is not JSON, and no answer at all, into a message", async () => {
    vi.stubGlobal("fetch", answer(502, "<html>Bad gateway</html>"));
    expect(await postJson("/api/x")).toMatchObject({ ok: false, status: 502, message: "Something went wrong on our side. Please try again.", fieldErrors: {} });
    vi.stubGlobal("fetch", answer(413, ""));
    expect(await postJson("/api/x")).toMatchObject({ ok: false, status: 413, message: "The server refused the request (413)." });
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("fetch failed"))));
    expect(await postJson("/api/x")).toMatchObject({ ok: false, status: 0, message: expect.stringContaining("Could not reach the server") });
  });
});

describe("firstErrors", () => {
  it("keeps the first message per field, from zod issues or from the server", () => {
    expect(firstErrors([{ path: ["email"], message: "Enter an email." }, { path: ["email"], message: "Second." }, { path: [], message: "Whole form." }])).toEqual({ email: "Enter an email.", form: "Whole form." });
    expect(firstErrors({ email: ["Taken.", "Other."], name: ["Too long."] })).toEqual({ email: "Taken.", name: "Too long." });
  });
});
