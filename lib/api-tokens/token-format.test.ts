import { describe, expect, it } from "vitest";
import { bearerTokenOf, generateApiToken, hashApiToken, looksLikeApiToken } from "./token-format";

describe("API token format", () => {
  it("generates distinct tokens that look like tokens, hashed as hex SHA-256", () => {
    const a = generateApiToken();
    const b = generateApiToken();
    expect(a).not.toBe(b);
    expect(looksLikeApiToken(a)).toBe(true);
    expect(hashApiToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiToken(a)).not.toBe(hashApiToken(b));
    expect(looksLikeApiToken("fmk_short")).toBe(false);
  });

  it("reads a bearer token, and tells a missing header from a malformed one", () => {
    expect(bearerTokenOf(null)).toBeNull();
    expect(bearerTokenOf("Bearer abc")).toBe("abc");
    expect(bearerTokenOf("bearer  abc ")).toBe("abc");
    expect(bearerTokenOf("Basic dXNlcjpwYXNz")).toBe("");
    expect(bearerTokenOf("Bearer a b")).toBe("");
  });
});
