import { describe, expect, it } from "vitest";
import { archiveStatus, type SnapshotRow } from "./status";

let n = 0;
const row = (o: Partial<SnapshotRow>): SnapshotRow => {
  const at = new Date(Date.UTC(2026, 0, 1, 0, n++));
  return { id: `s${n}`, fetchedAt: at, checkedAt: at, status: 200, textSha256: "a", sha256: "x", error: null, ...o };
};

describe("archiveStatus", () => {
  it("no successful snapshot: no archived copy", () => {
    expect(archiveStatus([])).toBeNull();
    expect(archiveStatus([row({ status: null, error: "TIMEOUT" }), row({ status: 404 })])).toBeNull();
  });
  it("one snapshot: archived, no warning", () => {
    const a = row({});
    expect(archiveStatus([a])).toEqual({ id: a.id, fetchedAt: a.fetchedAt.toISOString(), warning: null });
  });
  it("the text changed later: CHANGED, archived copy is still the first", () => {
    const a = row({});
    expect(archiveStatus([row({ textSha256: "b" }), a].reverse())).toMatchObject({ id: a.id, warning: "CHANGED" });
  });
  it("same text, different bytes: not a change", () => {
    expect(archiveStatus([row({}), row({ sha256: "y" })])?.warning).toBeNull();
  });
  it("404 or 410 after: GONE; back again with the same text: no warning", () => {
    expect(archiveStatus([row({}), row({ status: 410 })])?.warning).toBe("GONE");
    expect(archiveStatus([row({}), row({ status: 404 })])?.warning).toBe("GONE");
    expect(archiveStatus([row({}), row({ status: 404 }), row({})])?.warning).toBeNull();
  });
  it("a network error after says nothing", () => {
    expect(archiveStatus([row({}), row({ status: null, error: "NETWORK" })])?.warning).toBeNull();
    expect(archiveStatus([row({}), row({ textSha256: "b" }), row({ status: 503 })])?.warning).toBe("CHANGED");
  });
  it("a PDF compares bytes", () => {
    expect(archiveStatus([row({ textSha256: null }), row({ textSha256: null, sha256: "z" })])?.warning).toBe("CHANGED");
  });
});
