import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback";

const OWN = "http://127.0.0.1:3000";

/** Where a browser at the app's origin goes when it is sent to `path` (what window.location.assign and a Location header do). */
const landsOn = (path: string) => new URL(path, OWN).origin;

describe("safeCallbackPath", () => {
  it.each([
    ["/review/queue", "/review/queue"],
    ["/articles/a-slug/review?claim=c1#top", "/articles/a-slug/review?claim=c1#top"],
    [`${OWN}/account`, "/account"],
    ["account", "/account"],
  ])("keeps the same-origin path %s", (value, expected) => {
    expect(safeCallbackPath(value, OWN)).toBe(expected);
  });

  const hostile = [
    "/\t/evil.example/phish",
    "/\n/evil.example/phish",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "\\\\evil.example",
    "/%09/evil.example",
    "/%2F%2Fevil.example",
    "https://evil.example/phish",
    "HTTPS://evil.example",
    "http:evil.example",
    "https:/\\evil.example",
    "//127.0.0.1:3000@evil.example",
    "http://127.0.0.1:3000.evil.example/",
    "http://127.0.0.1:4000/",
    "javascript:alert(document.domain)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/\u0000//evil.example",
    "http://[::1",
  ];
  it.each(hostile)("never leaves the origin for %j", (value) => {
    const path = safeCallbackPath(value, OWN);
    expect(path.startsWith("/")).toBe(true);
    expect(path.startsWith("//")).toBe(false);
    expect(landsOn(path)).toBe(OWN);
    // Safe as a Location header: no control characters, no raw spaces.
    expect(path).not.toMatch(/[\u0000-\u0020\u007f\\]/);
  });

  it("falls back to / for nothing or a list", () => {
    expect(safeCallbackPath(undefined, OWN)).toBe("/");
    expect(safeCallbackPath("", OWN)).toBe("/");
    expect(safeCallbackPath(["/account", "//evil.example"], OWN)).toBe("/account");
  });
});
