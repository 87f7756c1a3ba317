import { describe, expect, it } from "vitest";
import { baseEmbedHeaders, judgeOrigin } from "./cors";

describe("judgeOrigin", () => {
  const allowed = ["https://news.example.org", "http://127.0.0.1:3221"];
  it("answers an allowed origin with that origin, never *", () => {
    const verdict = judgeOrigin("https://news.example.org", allowed);
    expect(verdict).toEqual({ allowed: true, allowOrigin: "https://news.example.org" });
    const headers = baseEmbedHeaders(verdict);
    expect(headers.get("access-control-allow-origin")).toBe("https://news.example.org");
    expect(headers.get("vary")).toBe("Origin");
  });
  it("refuses other origins, look-alikes and the opaque origin null", () => {
    for (const origin of ["https://evil.example.org", "https://news.example.org.evil.test", "http://news.example.org", "null", "http://127.0.0.1:3222"]) {
      expect(judgeOrigin(origin, allowed), origin).toEqual({ allowed: false });
      expect(baseEmbedHeaders(judgeOrigin(origin, allowed)).get("access-control-allow-origin")).toBeNull();
    }
    expect(judgeOrigin("null", ["null"])).toEqual({ allowed: false });
  });
  it("serves a request without Origin (a server, a same-origin GET) without CORS headers", () => {
    const verdict = judgeOrigin(null, []);
    expect(verdict).toEqual({ allowed: true, allowOrigin: null });
    expect(baseEmbedHeaders(verdict).get("access-control-allow-origin")).toBeNull();
  });
  it("serves Factmark's own origin without an admin listing it, and nothing that merely resembles it", () => {
    const own = "http://127.0.0.1:3000";
    expect(judgeOrigin(own, [], own)).toEqual({ allowed: true, allowOrigin: null });
    for (const origin of ["http://127.0.0.1:3001", "http://localhost:3000", "https://127.0.0.1:3000", "null"]) {
      expect(judgeOrigin(origin, [], own), origin).toEqual({ allowed: false });
    }
  });
});
