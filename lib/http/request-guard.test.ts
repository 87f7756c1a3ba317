import { describe, expect, it } from "vitest";
import { assertJsonMediaType, assertSameOrigin, jsonDepthExceeds, parseMediaType, readGuardedJson } from "./request-guard";

const APP = "http://app.test:3000";

function write(headers: Record<string, string>, body = "{}") {
  return new Request(`${APP}/api/claims/c1/transitions`, { method: "POST", headers: { host: "app.test:3000", ...headers }, body });
}

describe("assertJsonMediaType", () => {
  it.each(["application/json", "Application/JSON", "application/json; charset=utf-8", "application/json;charset=UTF-8", 'application/json; charset="utf-8"'])("accepts %j", (type) => {
    expect(() => assertJsonMediaType(write({ "content-type": type }))).not.toThrow();
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["text/plain (a form with enctype=text/plain)", "text/plain"],
    ["text/plain;application/json (passed the old substring check)", "text/plain;application/json"],
    ["text/plain; x=application/json", "text/plain; x=application/json"],
    ["form-encoded", "application/x-www-form-urlencoded"],
    ["multipart", "multipart/form-data; boundary=x"],
    ["application/json-patch+json", "application/json-patch+json"],
    ["application/jsonx", "application/jsonx"],
    ["application/json-patch", "application/json-patch"],
    ["a JSON type with a foreign charset", "application/json; charset=latin1"],
    ["a JSON type with another parameter", "application/json; boundary=x"],
    ["a JSON type followed by junk", "application/json, text/plain"],
    ["a bare word", "json"],
  ])("refuses %s with 415", (_name, type) => {
    const headers: Record<string, string> = type === undefined ? {} : { "content-type": type };
    const req = new Request(`${APP}/x`, { method: "POST", headers, body: type === undefined ? null : "{}" });
    if (type === undefined) req.headers.delete("content-type");
    expect(() => assertJsonMediaType(req)).toThrowError(expect.objectContaining({ status: 415, message: expect.stringMatching(/Content-Type: application\/json/) }));
  });

  it("parses parameters and refuses malformed ones", () => {
    expect(parseMediaType("application/json; charset=utf-8")?.parameters.get("charset")).toBe("utf-8");
    expect(parseMediaType("text/plain;application/json")).toBeNull();
    expect(parseMediaType("/json")).toBeNull();
  });
});

describe("assertSameOrigin", () => {
  const configured = [APP];
  it.each([
    ["the configured origin", { origin: APP }],
    ["the Host the browser addressed", { origin: "http://app.test:3000" }],
    ["no Origin but Sec-Fetch-Site: same-origin", { "sec-fetch-site": "same-origin" }],
    ["both, agreeing", { origin: APP, "sec-fetch-site": "same-origin" }],
  ])("accepts %s", (_name, headers) => {
    expect(() => assertSameOrigin(write(headers), configured)).not.toThrow();
    expect(() => assertSameOrigin(write(headers), [])).not.toThrow();
  });

  it.each([
    ["another port of the same host", { origin: "http://app.test:4000" }],
    ["a sibling subdomain", { origin: "http://evil.app.test:3000" }],
    ["another site", { origin: "https://evil.example" }],
    ["the same host over another scheme's default port", { origin: "https://app.test" }],
    ["an opaque origin (sandboxed frame, data: URL)", { origin: "null" }],
    ["a malformed Origin", { origin: "not a url" }],
    ["no Origin and no Sec-Fetch-Site (cookies alone prove nothing)", {}],
    ["Sec-Fetch-Site: same-site (a sibling port or subdomain)", { "sec-fetch-site": "same-site" }],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: none", { "sec-fetch-site": "none" }],
    ["a matching Origin but a cross-site fetch", { origin: APP, "sec-fetch-site": "cross-site" }],
    ["X-Forwarded-Host naming the attacker (never trusted)", { origin: "https://evil.example", "x-forwarded-host": "evil.example" }],
  ])("refuses %s with 403", (_name, headers) => {
    expect(() => assertSameOrigin(write(headers), configured)).toThrowError(expect.objectContaining({ status: 403 }));
  });

  it("accepts a configured public origin behind a proxy that rewrites Host", () => {
    const req = new Request("http://10.0.0.5:3000/api/x", { method: "POST", headers: { host: "10.0.0.5:3000", origin: "https://factmark.example" }, body: "{}" });
    expect(() => assertSameOrigin(req, ["https://factmark.example"])).not.toThrow();
    expect(() => assertSameOrigin(req, [])).toThrow();
  });
});

describe("jsonDepthExceeds", () => {
  it("counts arrays and objects, not brackets inside strings", () => {
    expect(jsonDepthExceeds('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(jsonDepthExceeds(JSON.stringify({ s: "[[[[[[{{{{{{\\\"[[[[" }), 1)).toBe(false);
  });

  it("handles a very deep text without recursion", () => {
    expect(jsonDepthExceeds("[".repeat(1_000_000) + "]".repeat(1_000_000), 64)).toBe(true);
  });
});

describe("readGuardedJson", () => {
  const json = { origin: APP, "content-type": "application/json" };
  it("returns the parsed body of a same-origin JSON request", async () => {
    await expect(readGuardedJson(write(json, '{"action":"approve","version":2}'))).resolves.toEqual({ action: "approve", version: 2 });
  });

  it.each([
    ["the text/plain form that approved a claim", write({ origin: "http://app.test:4000", "content-type": "text/plain" }, '{"action":"approve","version":2,"x":"=1"}'), 403],
    ["the same form from a same-origin page", write({ origin: APP, "content-type": "text/plain" }, '{"action":"approve","version":2,"x":"=1"}'), 415],
    ["an empty body", write(json, "  "), 400],
    ["malformed JSON", write(json, "{oops"), 400],
    ["JSON nested 65 deep", write(json, "[".repeat(65) + "]".repeat(65)), 400],
    ["a body over 1 MB", write(json, JSON.stringify({ x: "y".repeat(1024 * 1024) })), 413],
    ["a body declared over 1 MB", write({ ...json, "content-length": String(2 * 1024 * 1024) }, "{}"), 413],
  ])("refuses %s", async (_name, req, status) => {
    await expect(readGuardedJson(req)).rejects.toMatchObject({ status });
  });

  it("counts bytes, not characters", async () => {
    const limits = { maxBytes: 10, maxDepth: 4, tooLargeMessage: "too large" };
    await expect(readGuardedJson(write(json, '"ééééé"'), limits)).rejects.toMatchObject({ status: 413 });
    await expect(readGuardedJson(write(json, '"éééé"'), limits)).resolves.toBe("éééé");
  });
});
