import { describe, expect, it } from "vitest";
import { fieldErrorsOf, ZAcceptInvitation, ZChangePassword, ZCreateUser, ZUpdateProfile, ZUserQuery } from "./schemas";

const errors = (r: { success: boolean; error?: unknown }) => (r.success ? {} : fieldErrorsOf(r.error as never));

describe("account schemas", () => {
  it("normalises a new user's email and name", () => {
    expect(ZCreateUser.parse({ name: "  Ada  ", email: " Ada@Example.ORG ", role: "ADMIN", method: "invitation" })).toEqual({ name: "Ada", email: "ada@example.org", role: "ADMIN", method: "invitation" });
  });

  it("says what is wrong, per field", () => {
    expect(errors(ZCreateUser.safeParse({ name: "", email: "nope", role: "BOSS", method: "carrier pigeon" }))).toEqual({
      name: ["Enter a name."],
      email: ["Enter a valid email address, like name@example.org."],
      role: ["Choose a role: Reader, Reviewer, Editor or Admin."],
      method: ["Choose a password or an invitation link."],
    });
    expect(errors(ZCreateUser.safeParse({ name: "A", email: "a@example.org", role: "READER", method: "password", password: "short" }))).toEqual({ password: ["Use at least 12 characters."] });
  });

  it("accepts an empty one-time password (generate one) but refuses unknown fields", () => {
    expect(ZCreateUser.safeParse({ name: "A", email: "a@example.org", role: "READER", method: "password", password: "" }).success).toBe(true);
    expect(ZCreateUser.safeParse({ name: "A", email: "a@example.org", role: "READER", method: "password", active: false }).success).toBe(false);
  });

  it("requires the confirmation to match, and reports it beside the confirmation field", () => {
    expect(errors(ZChangePassword.safeParse({ currentPassword: "x", newPassword: "long enough passphrase", confirmNewPassword: "long enough passphrasE" }))).toEqual({
      confirmNewPassword: ["The two new passwords do not match."],
    });
    expect(errors(ZChangePassword.safeParse({ currentPassword: "", newPassword: "", confirmNewPassword: "" }))).toMatchObject({
      currentPassword: ["Enter your current password."],
      newPassword: ["Use at least 12 characters."],
      confirmNewPassword: ["Enter the new password again."],
    });
    expect(ZAcceptInvitation.safeParse({ token: "t", newPassword: "long enough passphrase", confirmNewPassword: "long enough passphrase" }).success).toBe(true);
  });

  it("ignores nonsense in the user list's query string", () => {
    expect(ZUserQuery.parse({ q: ["a", "b"], role: "OWNER" })).toEqual({});
    expect(ZUserQuery.parse({ q: " rita ", role: "REVIEWER" })).toEqual({ q: "rita", role: "REVIEWER" });
  });

  it.each([
    ["a NUL", "ri\u0000ta", /NUL character/],
    ["a lone surrogate", "rita\uD800", /broken character/],
    ["a search too long to run", "r".repeat(201), /too long/],
  ])("refuses %s in the user search with a reason (issue 12)", (_, q, message) => {
    const parsed = ZUserQuery.safeParse({ q });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0].message).toMatch(message);
  });

  it.each([
    ["a right-to-left override", "Mallory\u202E"],
    ["a left-to-right isolate", "\u2066Admin\u2069"],
    ["a control character", "Mal\u0007lory"],
    ["a new line", "Mallory\nAdmin"],
    ["a NUL", "Mal\u0000lory"],
    ["a lone surrogate", "Mallory \uD83D"],
  ])("refuses a name with %s, for a profile and a new user (issue 12)", (_, name) => {
    expect(ZUpdateProfile.safeParse({ name }).success).toBe(false);
    expect(ZCreateUser.safeParse({ name, email: "m@example.org", role: "READER", method: "invitation" }).success).toBe(false);
  });

  it("keeps names in any script, with emoji and joiners", () => {
    for (const name of ["Zoë O’Brien", "محمد علي", "می‌خواهم", "Sam 🏳️‍🌈"]) expect(ZUpdateProfile.parse({ name })).toEqual({ name });
  });
});
