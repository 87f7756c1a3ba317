import { describe, expect, it } from "vitest";
import { commonPasswords, passwordProblem, TOO_COMMON } from "./password-policy";

describe("the common-password list", () => {
  it("ships exactly 1,000 distinct lower-case entries, most common first", () => {
    const list = [...commonPasswords()];
    expect(list).toHaveLength(1000);
    expect(list.slice(0, 4)).toEqual(["123456", "password", "12345678", "qwerty"]);
    expect(list.every((p) => p === p.toLowerCase() && p.trim() === p && p.length > 0)).toBe(true);
  });
});

describe("passwordProblem", () => {
  it.each([
    ["too short", "short pass", /at least 12/],
    ["too long", "x".repeat(1025), /too long/],
    ["a listed password padded to length with digits", "password1234", TOO_COMMON],
    ["a listed password with digits and symbols", "Football2024!!", TOO_COMMON],
    ["a listed password repeated", "qwertyqwerty", TOO_COMMON],
    ["a listed password repeated, in capitals", "LETMEINLETMEIN", TOO_COMMON],
    ["a repeated digit run", "123123123123", TOO_COMMON],
  ])("refuses %s", (_name, password, expected) => {
    const problem = passwordProblem(password);
    if (typeof expected === "string") expect(problem).toBe(expected);
    else expect(problem).toMatch(expected);
  });

  it("refuses any listed password when the list has long entries", () => {
    expect(passwordProblem("correcthorsebattery", new Set(["correcthorsebattery"]))).toBe(TOO_COMMON);
  });

  it.each(["correct horse battery staple", "dragonfly-wing-42", "Tr0ub4dor&3-xkcd", "passwordless login is nice"])("accepts %s", (password) => {
    expect(passwordProblem(password)).toBeNull();
  });
});
