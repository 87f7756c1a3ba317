import { describe, expect, it } from "vitest";
import { readJsonBody } from "./http";

const post = (body: string, headers: Record<string, string> = { "content-type": "application/json", host: "app.test", origin: "http://app.test" }) =>
  new Request("http://app.test/api/account/profile", { method: "POST", headers, body });

describe("readJsonBody", () => {
  it("returns a JSON object", async () => {
    await expect(readJsonBody(post('{"name":"A"}'))).resolves.toEqual({ name: "A" });
    await expect(readJsonBody(post("{}", { "content-type": "application/json", host: "app.test", "sec-fetch-site": "same-origin" }))).resolves.toEqual({});
  });

  it.each([
    ["malformed JSON", post("{oops"), "INVALID", /not valid JSON/],
    ["a JSON string", post('"hi"'), "INVALID", /JSON object/],
    ["a JSON array", post("[1]"), "INVALID", /JSON object/],
    ["a form post (what a cross-site page can send)", post("name=A", { "content-type": "application/x-www-form-urlencoded", host: "app.test", origin: "http://app.test" }), "UNSUPPORTED_MEDIA_TYPE", /as JSON/],
    ["text/plain that names JSON (passed the old substring check)", post('{"name":"A"}', { "content-type": "text/plain;application/json", host: "app.test", origin: "http://app.test" }), "UNSUPPORTED_MEDIA_TYPE", /as JSON/],
    ["no Origin at all", post("{}", { "content-type": "application/json", host: "app.test" }), "FORBIDDEN", /where it comes from/],
    ["a forged X-Forwarded-Host matching the attacker", post("{}", { "content-type": "application/json", host: "app.test", origin: "https://evil.example", "x-forwarded-host": "evil.example" }), "FORBIDDEN", /other sites/],
    ["another site's origin", post("{}", { "content-type": "application/json", host: "app.test", origin: "https://evil.example" }), "FORBIDDEN", /other sites/],
    ["a huge body", post(JSON.stringify({ name: "x".repeat(20_000) })), "PAYLOAD_TOO_LARGE", /too large/],
  ])("refuses %s", async (_name, req, code, message) => {
    await expect(readJsonBody(req)).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  });
});
