import { describe, expect, it } from "vitest";
import { ROLES, type TRole } from "@/lib/auth/roles";
import type { TReviewState } from "@/lib/claims/claim-dto";
import { decide, REVIEW_STATES, statesAllowing, WORKFLOW_ACTIONS, type TWorkflowAction } from "./state-machine";

// The full table, written out by hand: role × author? × state × action → the resulting state,
// "403" (never for this actor) or "409" (not from this state). Every cell is checked.
type Cell = TReviewState | "403" | "409";
const S: TReviewState[] = ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "RETRACTED"];
const row = (...cells: Cell[]) => Object.fromEntries(S.map((s, i) => [s, cells[i]])) as Record<TReviewState, Cell>;
const all = (c: Cell) => row(c, c, c, c, c);

// The editor's decisions on a claim whose words changed (issue 7): never on a retracted claim (issue 12).
const NOT_EDITORIAL = { confirmChange: all("403"), sendBack: all("403"), reattach: all("403") };
const AFTER_CHANGE = {
  confirmChange: row("DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "409"),
  sendBack: row("CHANGES_REQUESTED", "CHANGES_REQUESTED", "CHANGES_REQUESTED", "CHANGES_REQUESTED", "409"),
  reattach: row("DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "409"),
};

type Who = `${TRole}:${"author" | "other"}`;
const EXPECTED: Record<Who, Record<TWorkflowAction, Record<TReviewState, Cell>>> = {
  "READER:author": { submit: all("403"), approve: all("403"), requestChanges: all("403"), retract: all("403"), edit: all("403"), delete: all("403"), ...NOT_EDITORIAL },
  "READER:other": { submit: all("403"), approve: all("403"), requestChanges: all("403"), retract: all("403"), edit: all("403"), delete: all("403"), ...NOT_EDITORIAL },
  "REVIEWER:author": {
    submit: row("SUBMITTED", "409", "SUBMITTED", "409", "409"),
    approve: all("403"),
    requestChanges: all("403"),
    retract: all("403"),
    edit: row("DRAFT", "403", "CHANGES_REQUESTED", "403", "403"),
    delete: row("DRAFT", "403", "CHANGES_REQUESTED", "403", "403"),
    ...NOT_EDITORIAL,
  },
  "REVIEWER:other": { submit: all("403"), approve: all("403"), requestChanges: all("403"), retract: all("403"), edit: all("403"), delete: all("403"), ...NOT_EDITORIAL },
  "EDITOR:author": {
    submit: row("SUBMITTED", "409", "SUBMITTED", "409", "409"),
    approve: all("403"),
    requestChanges: row("409", "CHANGES_REQUESTED", "409", "409", "409"),
    retract: row("409", "409", "409", "RETRACTED", "409"),
    edit: row("DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "SUBMITTED", "409"),
    delete: row("DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "409", "409"),
    ...AFTER_CHANGE,
  },
  "EDITOR:other": {
    submit: all("403"),
    approve: row("409", "APPROVED", "409", "409", "409"),
    requestChanges: row("409", "CHANGES_REQUESTED", "409", "409", "409"),
    retract: row("409", "409", "409", "RETRACTED", "409"),
    edit: row("DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "SUBMITTED", "409"),
    delete: row("DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "409", "409"),
    ...AFTER_CHANGE,
  },
  "ADMIN:author": {} as never,
  "ADMIN:other": {} as never,
};
EXPECTED["ADMIN:author"] = EXPECTED["EDITOR:author"];
EXPECTED["ADMIN:other"] = EXPECTED["EDITOR:other"];

const cases = ROLES.flatMap((role) =>
  (["author", "other"] as const).flatMap((rel) =>
    WORKFLOW_ACTIONS.flatMap((action) => REVIEW_STATES.map((state) => [role, rel, action, state, EXPECTED[`${role}:${rel}`][action][state]] as const)),
  ),
);

describe("workflow state machine: the full table", () => {
  it("covers 4 roles × 2 relations × 9 actions × 5 states", () => expect(cases).toHaveLength(360));
  it.each(cases)("%s (%s) %s on %s → %s", (role, rel, action, state, expected) => {
    const d = decide(action, state, { role, isAuthor: rel === "author" });
    const got: Cell = d.ok ? d.to : d.kind === "forbidden" ? "403" : "409";
    expect(got).toBe(expected);
    if (!d.ok) expect(d.message.length).toBeGreaterThan(10);
  });
});

describe("workflow state machine: own work", () => {
  it("an editor who made the latest change cannot approve it; another editor can", () => {
    expect(decide("approve", "SUBMITTED", { role: "EDITOR", isAuthor: false, isLastEditor: true })).toMatchObject({ ok: false, kind: "forbidden" });
    expect(decide("approve", "SUBMITTED", { role: "ADMIN", isAuthor: false, isLastEditor: false })).toEqual({ ok: true, to: "APPROVED" });
  });
  it("says why a refused transition is refused", () => {
    expect(decide("approve", "DRAFT", { role: "EDITOR", isAuthor: false })).toMatchObject({ message: expect.stringMatching(/Only a submitted claim can be approved. This claim is draft/) });
    expect(decide("approve", "SUBMITTED", { role: "EDITOR", isAuthor: true })).toMatchObject({ message: expect.stringMatching(/No one approves their own claim/) });
  });
  it("statesAllowing mirrors decide", () => {
    expect(statesAllowing("edit", { role: "REVIEWER", isAuthor: true })).toEqual(["DRAFT", "CHANGES_REQUESTED"]);
    expect(statesAllowing("edit", { role: "EDITOR", isAuthor: false })).toEqual(["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED"]);
  });
});
