import { describe, expect, it } from "vitest";
import { sendBackRate, tableOf, toCsv } from "./tables";

describe("dashboard tables and CSV", () => {
  it("writes RFC 4180 CSV: quotes, commas and line breaks quoted, CRLF rows", () => {
    expect(toCsv({ columns: ["Reviewer", "Drafted"], rows: [["Rita, \"R\"", 3], ["Line\nbreak", 0]] })).toBe('Reviewer,Drafted\r\n"Rita, ""R""",3\r\n"Line\nbreak",0\r\n');
  });
  it("defuses cells a spreadsheet would run as formulas, but not numbers", () => {
    const csv = toCsv({ columns: ["Name", "n"], rows: [["=HYPERLINK(\"x\")", -2], ["+1", 1], ["@SUM(A1)", 0], ["-x", 0]] });
    expect(csv.split("\r\n").slice(1, 5)).toEqual(["\"'=HYPERLINK(\"\"x\"\")\",-2", "'+1,1", "'@SUM(A1),0", "'-x,0"]);
  });
  it("labels verdicts and states in words and computes the send-back rate", () => {
    expect(tableOf("verdicts", [{ week: "2026-11-30", verdict: "FALSE", count: 2 }]).rows).toEqual([["2026-11-30", "False", 2]]);
    expect(tableOf("published", [{ week: "2026-11-30", published: 3, sentBack: 1 }]).rows).toEqual([["2026-11-30", 3, 1, 25]]);
    expect(sendBackRate(0, 0)).toBe(0);
    expect(sendBackRate(2, 1)).toBe(33.3);
  });
});
