import { describe, expect, it } from "vitest";
import { checkSignInRequest } from "./sign-in-request";

const form = (body: string) => new Request("http://x/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
const json = (body: string) => new Request("http://x/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/json" }, body });

describe("checkSignInRequest", () => {
  it("accepts a well-formed form and JSON body", async () => {
    await expect(checkSignInRequest(form("email=a%40example.org&password=secret"))).resolves.toBeUndefined();
    await expect(checkSignInRequest(json('{"email":"a@example.org","password":"secret"}'))).resolves.toBeUndefined();
  });

  it.each([
    ["malformed JSON", json("{bad"), 400, /not valid JSON/],
    ["a JSON array", json("[1,2]"), 400, /not valid JSON/],
    ["an empty email", form("email=&password=x"), 400, /Enter your email/],
    ["an empty password", form("email=a%40example.org&password="), 400, /Enter your password/],
    ["an invalid email", form("email=not-an-email&password=x"), 400, /valid email/],
    ["an oversized email", form(`email=${"a".repeat(300)}%40example.org&password=x`), 400, /too long/],
    ["an oversized password", form(`email=a%40example.org&password=${"p".repeat(2000)}`), 400, /too long/],
    ["a huge body", form(`email=a%40example.org&password=${"p".repeat(20_000)}`), 413, /too large/],
    ["text/plain that names JSON (what a cross-site form can send)", new Request("http://x", { method: "POST", headers: { "content-type": "text/plain;application/json" }, body: '{"email":"a@example.org","password":"secret"}' }), 400, /form/],
    ["an unknown content type", new Request("http://x", { method: "POST", headers: { "content-type": "text/plain" }, body: "hi" }), 400, /form/],
  ])("refuses %s with a clear 4xx", async (_name, req, status, message) => {
    await expect(checkSignInRequest(req)).rejects.toMatchObject({ status, message: expect.stringMatching(message) });
  });
});
