import { describe, expect, it } from "vitest";
import type { TRole } from "@/lib/auth/roles";
import { mayReceive, shapeFor } from "./audience";
import type { LiveEvent } from "./events";

const claimEvent = (state: "DRAFT" | "SUBMITTED" = "DRAFT"): LiveEvent => ({
  id: "1",
  type: "claim",
  articleId: "a1",
  claimId: "c1",
  userId: null,
  data: { change: "created", version: 1, state, authorId: "rev1", actor: { id: "rev1", name: "Rita" }, queueCount: 4 },
});
const who = (role: TRole, id = "u") => ({ id, role });

describe("who receives a live event", () => {
  it.each([
    ["READER", false],
    ["REVIEWER", true],
    ["EDITOR", true],
    ["ADMIN", true],
  ] as const)("a claim event reaches a %s: %s (the workspace's rule)", (role, expected) => {
    expect(mayReceive(who(role), claimEvent())).toBe(expected);
  });

  it("a notification reaches its addressee only, whatever the role", () => {
    const e: LiveEvent = { id: "2", type: "notification", articleId: null, claimId: null, userId: "rev1", data: { unread: 2 } };
    expect(mayReceive(who("REVIEWER", "rev1"), e)).toBe(true);
    expect(mayReceive(who("ADMIN", "adm"), e)).toBe(false);
  });

  it("presence and new versions are for the review roles", () => {
    const e: LiveEvent = { id: "3", type: "presence", articleId: "a1", claimId: null, userId: null, data: { users: [] } };
    expect(mayReceive(who("READER"), e)).toBe(false);
    expect(mayReceive(who("REVIEWER"), e)).toBe(true);
  });

  it("the queue count is removed for everyone but editors and admins", () => {
    expect(shapeFor(who("REVIEWER"), claimEvent())).not.toHaveProperty("data.queueCount");
    expect(shapeFor(who("EDITOR"), claimEvent())).toHaveProperty("data.queueCount", 4);
    // The original event (shared by all subscribers) is not changed.
    const e = claimEvent();
    shapeFor(who("REVIEWER"), e);
    expect(e).toHaveProperty("data.queueCount", 4);
  });
});
