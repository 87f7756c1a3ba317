import { createHash, randomBytes } from "node:crypto";

// A personal API token is "fmk_" + 256 random bits (base64url). Guessing one is hopeless, so a fast
// hash is enough to store it (like GitHub's ghp_ tokens, the prefix makes a leaked one easy to spot).
export const TOKEN_PREFIX = "fmk_";
/** Characters of the token shown in the list so the owner can tell tokens apart. */
export const SHOWN_PREFIX_LENGTH = 12;
const TOKEN_PATTERN = /^fmk_[A-Za-z0-9_-]{43}$/;

export function generateApiToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function looksLikeApiToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** The token in `Authorization: Bearer <token>`; null without that header; "" when it is malformed. */
export function bearerTokenOf(authorization: string | null): string | null {
  if (authorization === null) return null;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization.trim());
  return match ? match[1]! : "";
}
