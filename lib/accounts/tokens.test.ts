import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generatePassword, generateToken, hashToken } from "./tokens";

describe("tokens", () => {
  it("are 256-bit, URL-safe and never repeat", () => {
    const seen = new Set(Array.from({ length: 200 }, generateToken));
    expect(seen.size).toBe(200);
    for (const t of seen) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("are stored as their SHA-256", () => {
    expect(hashToken("abc")).toBe(createHash("sha256").update("abc").digest("hex"));
    expect(hashToken("abc")).not.toBe(hashToken("abd"));
  });

  it("generated passwords avoid look-alike characters", () => {
    for (let i = 0; i < 50; i++) expect(generatePassword()).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{20}$/);
  });
});
