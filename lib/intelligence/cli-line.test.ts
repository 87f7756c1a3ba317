import { describe, expect, it } from "vitest";
import { scoreLine } from "./cli-line";

describe("scoreLine (checkworthy CLI contract)", () => {
  it("answers a good line with id, score, checkWorthy and reasons", () => {
    const out = scoreLine(JSON.stringify({ id: "7", text: "The flood displaced some 300,000 residents, the United Nations said." }));
    expect(out).toEqual({ id: "7", score: expect.any(Number), checkWorthy: true, reasons: expect.arrayContaining(["number", "attribution"]) });
    expect(Object.keys(out)).toEqual(["id", "score", "checkWorthy", "reasons"]);
  });

  it.each([
    ["not JSON", "{oops", null],
    ["no text", JSON.stringify({ id: "a" }), "a"],
    ["text not a string", JSON.stringify({ id: "b", text: 4 }), "b"],
    ["an array", "[]", null],
  ])("answers a bad line (%s) with its id and an error instead of throwing", (_why, line, id) => {
    const out = scoreLine(line);
    expect(out).toEqual({ id, error: expect.any(String) });
  });
});
