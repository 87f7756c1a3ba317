import { describe, expect, it } from "vitest";
import { diffSnapshots } from "./history";

const src = (title: string, stance = "SUPPORTS") => ({ url: `https://example.org/${title}`, title, publisher: null, publishedAt: null, accessedAt: null, excerpt: null, stance });

describe("history diffs", () => {
  it("names each changed field with its before and after, in words", () => {
    const before = { verdict: "ACCURATE", explanation: "Yes.", tags: ["a"], state: "APPROVED", version: 3, sources: [src("one"), src("two")] };
    const after = { verdict: "FALSE", explanation: "Yes.", tags: ["a", "b"], state: "SUBMITTED", version: 4, sources: [src("one"), src("three", "REFUTES")] };
    expect(diffSnapshots(before, after)).toEqual([
      { field: "verdict", label: "Verdict", from: "Accurate", to: "False" },
      { field: "tags", label: "Tags", from: "a", to: "a, b" },
      { field: "state", label: "State", from: "Approved", to: "Submitted" },
      { field: "sources", label: "Source removed", from: "two · Supports the claim · https://example.org/two", to: null },
      { field: "sources", label: "Source added", from: null, to: "three · Refutes the claim · https://example.org/three" },
    ]);
  });
  it("shows a creation as every field from nothing, and ignores the version counter", () => {
    expect(diffSnapshots(null, { quote: "q", verdict: "UNVERIFIED", version: 1 })).toEqual([
      { field: "quote", label: "Claim", from: null, to: "q" },
      { field: "verdict", label: "Verdict", from: null, to: "Not yet checked" },
    ]);
  });
  it("shows a transition's reason", () => {
    expect(diffSnapshots({ state: "SUBMITTED" }, { state: "CHANGES_REQUESTED", reason: "Add a source." })).toEqual([
      { field: "state", label: "State", from: "Submitted", to: "Changes requested" },
      { field: "reason", label: "Reason", from: null, to: "Add a source." },
    ]);
  });
});
