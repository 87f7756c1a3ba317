/**
 * The hashed TextIndex (issue 14: the embed's first call) must answer exactly as a plain scan and as the
 * Map-of-substrings index it replaced, on real texts and on texts built to collide (few distinct characters,
 * long repeats), for needles shorter and longer than KEY_LENGTH and for bounded windows.
 */
import { describe, expect, it } from "vitest";
import { mulberry32 } from "@/e2e/bench/random";
import { KEY_LENGTH, TextIndex } from "./text-index";
import { MapTextIndex } from "./testing/map-text-index";
import { loadIterater, loadScriptPairs } from "./testing/load-fixtures";

function scan(text: string, needle: string, from: number, to: number): number[] {
  const out: number[] = [];
  if (needle.length === 0) return out;
  for (let i = text.indexOf(needle, Math.max(0, from)); i !== -1 && i <= to; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

function check(text: string, rand: () => number, cases: number): void {
  // Indexed from the first search, scanning only (the default budget outlasts these cases), and switching
  // from scans to the index part-way through: all three must answer as a plain scan does.
  const index = new TextIndex(text, 0);
  const scanning = new TextIndex(text);
  const switching = new TextIndex(text, 5 * text.length);
  const reference = new MapTextIndex(text);
  for (let c = 0; c < cases; c++) {
    const len = 1 + Math.floor(rand() * 40);
    const at = Math.floor(rand() * Math.max(1, text.length - len));
    // Half the needles are taken from the text (they occur), half are edited copies (they mostly do not).
    let needle = text.slice(at, at + len);
    if (rand() < 0.5 && needle.length > 0) {
      const k = Math.floor(rand() * needle.length);
      needle = needle.slice(0, k) + String.fromCharCode(97 + Math.floor(rand() * 3)) + needle.slice(k + 1);
    }
    const bounded = rand() < 0.5;
    const from = bounded ? Math.floor(rand() * text.length) - 10 : 0;
    const to = bounded ? from + Math.floor(rand() * 2000) : Infinity;
    const got = index.find(needle, from, to);
    expect(got, JSON.stringify({ needle, from, to })).toEqual(scan(text, needle, from, to));
    expect(scanning.find(needle, from, to)).toEqual(got);
    expect(switching.find(needle, from, to)).toEqual(got);
    if (needle.length >= KEY_LENGTH) expect(got).toEqual(reference.find(needle, from, to));
    if (!bounded) expect(Array.from(index.occurrences(needle))).toEqual(got);
  }
}

describe("TextIndex", () => {
  it("finds what a plain scan finds on the revision fixtures (Latin, Arabic, Chinese)", () => {
    const rand = mulberry32(1402);
    for (const p of [...loadIterater(), ...loadScriptPairs()]) check(p.after, rand, 200);
  });

  it("finds what a plain scan finds on repetitive texts, where windows share hashes and buckets", () => {
    const rand = mulberry32(77);
    for (let t = 0; t < 20; t++) {
      const alphabet = "ab c".slice(0, 2 + (t % 3));
      let text = "";
      const n = 50 + Math.floor(rand() * 3000);
      for (let i = 0; i < n; i++) text += alphabet[Math.floor(rand() * alphabet.length)];
      check(text, rand, 300);
    }
  });

  it("handles texts shorter than a window and empty needles", () => {
    for (const text of ["", "abc", "abcdefg", "abcdefgh"]) {
      const index = new TextIndex(text);
      expect(index.find("")).toEqual([]);
      expect(index.find("abcdefgh")).toEqual(scan(text, "abcdefgh", 0, Infinity));
      expect(index.find("bc")).toEqual(scan(text, "bc", 0, Infinity));
    }
  });
});
