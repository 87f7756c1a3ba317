import { describe, expect, it } from "vitest";
import { createNonce, pageContentSecurityPolicy } from "./content-security-policy";

const directive = (policy: string, name: string) => policy.split("; ").find((d) => d.startsWith(`${name} `));

describe("pageContentSecurityPolicy", () => {
  it("lets only scripts with the nonce run, and nothing frame the page", () => {
    const policy = pageContentSecurityPolicy("abc123");
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    for (const d of ["object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'", "default-src 'self'"]) expect(policy).toContain(d);
  });

  it("allows eval only in development, for React's dev tooling", () => {
    expect(directive(pageContentSecurityPolicy("n", { development: true }), "script-src")).toContain("'unsafe-eval'");
  });
});

describe("createNonce", () => {
  it("is 128 random bits, base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
