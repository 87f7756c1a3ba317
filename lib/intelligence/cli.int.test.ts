// The checkworthy command as issue 16 §1 states it: `npm run --silent checkworthy`, JSON lines in,
// exactly one JSON line out per line in, in order, nothing else on stdout.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("npm run --silent checkworthy", () => {
  it("answers every line in order, a bad line with its error, and writes nothing else", () => {
    const lines = [
      JSON.stringify({ id: "claim", text: "Unemployment fell to 3.9 percent in April, the lowest rate since 2000." }),
      "{not json",
      JSON.stringify({ id: "no-text" }),
      JSON.stringify({ id: "greeting", text: "Good evening and welcome to the debate." }),
      JSON.stringify({ id: "unicode", text: "Le chômage a baissé — 7,3 % en 2023 ☃" }),
    ];
    const run = spawnSync("npm", ["run", "--silent", "checkworthy"], { input: lines.join("\n") + "\n", encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(0);
    const out = run.stdout.split("\n");
    expect(out.pop()).toBe("");
    expect(out).toHaveLength(lines.length);
    const parsed = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.map((p) => p.id)).toEqual(["claim", null, "no-text", "greeting", "unicode"]);
    expect(parsed[0]).toEqual({ id: "claim", score: expect.any(Number), checkWorthy: true, reasons: expect.arrayContaining(["number", "date", "statistic"]) });
    expect(parsed[1]).toEqual({ id: null, error: expect.any(String) });
    expect(parsed[2]).toEqual({ id: "no-text", error: expect.stringContaining("text") });
    expect(parsed[3]).toMatchObject({ id: "greeting", checkWorthy: false });
    for (const p of [parsed[0], parsed[3], parsed[4]]) {
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(1);
    }
  }, 90_000);
});
