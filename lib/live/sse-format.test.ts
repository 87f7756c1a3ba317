import { describe, expect, it } from "vitest";
import { formatControl, formatEvent, parseLastEventId } from "./sse-format";

describe("SSE framing", () => {
  it("writes one event per frame with its id, and never a newline inside data", () => {
    const frame = formatEvent({ id: "42", type: "notification", articleId: null, claimId: null, userId: "u1", data: { unread: 3 } });
    expect(frame).toBe(`id: 42\ndata: {"id":"42","type":"notification","articleId":null,"claimId":null,"userId":"u1","data":{"unread":3}}\n\n`);
    const tricky = formatEvent({ id: "1", type: "presence", articleId: "a", claimId: null, userId: null, data: { users: [{ id: "x", name: "Line\nbreak\r\n" }] } });
    expect(tricky.split("\n").filter(Boolean)).toHaveLength(2);
  });

  it("control frames carry no id, so they do not move Last-Event-ID", () => {
    expect(formatControl("reload")).toBe("event: reload\ndata: {}\n\n");
  });

  it.each([
    ["17", 17],
    [" 17 ", 17],
    ["", null],
    [null, null],
    ["-1", null],
    ["1e3", null],
    ["9".repeat(16), null],
  ])("reads Last-Event-ID %j as %j", (raw, expected) => {
    expect(parseLastEventId(raw)).toBe(expected);
  });
});
