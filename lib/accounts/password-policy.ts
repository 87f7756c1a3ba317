import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./schemas";

// The 1,000 most common passwords, in order of frequency: the head of the ranked list that
// zxcvbn-ts ships (@zxcvbn-ts/language-common 4.1.3, src/passwords.json, MIT), which comes from
// leaked-password corpora. See docs/decisions.md, "Accounts".
const LIST_FILE = "lib/accounts/data/common-passwords.txt";

let common: Set<string> | undefined;
export function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(path.join(/* turbopackIgnore: true */ process.cwd(), LIST_FILE), "utf8")
      .split("\n")
      .map((l) => l.trim().toLowerCase())
      .filter(Boolean),
  );
  return common;
}

export const TOO_COMMON = "This password is too common: it is, or is built on, one of the 1,000 most used passwords. Choose something less guessable.";

/**
 * Why a new password is refused, or null if it is fine. None of the 1,000 most common passwords is
 * 12 characters long, so a listed word is also refused when it is only padded out: repeated
 * ("qwertyqwerty") or followed by digits and symbols ("password123456!").
 */
export function passwordProblem(password: string, list: Set<string> = commonPasswords()): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `That password is too long (${MAX_PASSWORD_LENGTH.toLocaleString("en")} characters at most).`;
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, "");
  for (const candidate of [lower, stem, ...repeatedUnits(lower), ...repeatedUnits(stem)]) {
    if (candidate && list.has(candidate)) return TOO_COMMON;
  }
  return null;
}

/** Every u such that s is u repeated ("123123123123" → "123", "123123"). */
function repeatedUnits(s: string): string[] {
  const units: string[] = [];
  for (let k = 1; k <= s.length / 2; k++) {
    if (s.length % k === 0 && s.slice(0, k).repeat(s.length / k) === s) units.push(s.slice(0, k));
  }
  return units;
}
