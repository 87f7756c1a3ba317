import { spawnSync } from "node:child_process";
import { describe as suite, expect, it } from "vitest";
import { processLine } from "./cli";

suite("CLI contract (issue 3)", () => {
  it("reanchor: code-point offsets in and out, one result per span", () => {
    const line = JSON.stringify({ id: "x", oldText: "I 😀 like cats.", newText: "Now I 😀 like cats!", spans: [{ start: 2, end: 3 }, { start: 4, end: 13 }] });
    expect(JSON.parse(processLine("reanchor", line))).toEqual({
      id: "x",
      results: [
        { status: "moved", start: 6, end: 7 },
        { status: "moved", start: 8, end: 17 },
      ],
    });
  });

  it("anchor: selectors in, anchored/needs-recheck/orphaned out", () => {
    const text = "🎉 the cat sat. the cat ran.";
    const line = JSON.stringify({
      id: "y",
      text,
      targets: [
        [{ type: "TextQuoteSelector", exact: "the cat", prefix: "sat. ", suffix: " ran" }, { type: "TextPositionSelector", start: 15, end: 22 }],
        [{ type: "TextQuoteSelector", exact: "the cat" }],
        [{ type: "TextQuoteSelector", exact: "a dog barked loudly" }],
      ],
    });
    expect(JSON.parse(processLine("anchor", line))).toEqual({
      id: "y",
      results: [{ status: "anchored", start: 15, end: 22, score: 1, method: "position" }, { status: "needs-recheck" }, { status: "orphaned" }],
    });
  });

  it("answers invalid input with an error line", () => {
    expect(JSON.parse(processLine("anchor", "{not json"))).toEqual({ id: null, error: "invalid JSON" });
    expect(JSON.parse(processLine("reanchor", JSON.stringify({ id: "a", oldText: "abc", newText: "abc", spans: [{ start: 2, end: 1 }] })))).toMatchObject({ id: "a", error: expect.stringContaining("start > end") });
    expect(JSON.parse(processLine("reanchor", JSON.stringify({ id: "b", oldText: "abc", newText: "abc", spans: [{ start: 0, end: 4 }] })))).toMatchObject({ id: "b", error: expect.any(String) });
    expect(JSON.parse(processLine("anchor", JSON.stringify({ id: "c", text: "abc", targets: [[{ type: "RangeSelector" }]] })))).toMatchObject({ id: "c", error: expect.stringContaining("unknown selector type") });
  });

  it("runs as `npm run --silent anchoring -- reanchor`: only JSON lines on stdout, in order, errors inline", () => {
    const lines = [
      JSON.stringify({ id: "1", oldText: "a b c", newText: "a B c", spans: [{ start: 0, end: 1 }] }),
      "garbage",
      JSON.stringify({ id: "3", oldText: "a b c", newText: "a b c d", spans: [{ start: 4, end: 5 }] }),
    ];
    const run = spawnSync("npm", ["run", "--silent", "anchoring", "--", "reanchor"], { input: lines.join("\n") + "\n", encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(0);
    const out = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { id: string | null });
    expect(out.map((o) => o.id)).toEqual(["1", null, "3"]);
    expect(out[1]).toHaveProperty("error");
  }, 60_000);
});
