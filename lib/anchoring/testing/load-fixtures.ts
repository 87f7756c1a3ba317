/** Loads the project's copies of the revision fixtures (Node only: tests and benchmark). */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Edit } from "./ground-truth";

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");

export type IteraterPair = { id: string; before: string; after: string; edits: Edit[] };

type RawAction = { type: string; before: string | null; after: string | null; start_char_pos: number; end_char_pos: number };
type RawRecord = { doc_id: string; before_revision: string; after_revision: string; edit_actions: RawAction[] };

export function loadIterater(): IteraterPair[] {
  const lines = readFileSync(join(FIXTURES_DIR, "iterater-public.jsonl"), "utf8").split("\n").filter((l) => l.trim());
  return lines.map((line, i) => {
    const r = JSON.parse(line) as RawRecord;
    return {
      id: `${r.doc_id}#${i}`,
      before: r.before_revision,
      after: r.after_revision,
      edits: r.edit_actions.map((a) => ({ start: a.start_char_pos, end: a.end_char_pos, text: a.after ?? "" })),
    };
  });
}

export type VersionPair = { id: string; before: string; after: string };

export function loadWikipediaPairs(): VersionPair[] {
  const root = join(FIXTURES_DIR, "wikipedia-versions");
  const pairs: VersionPair[] = [];
  for (const article of readdirSync(root, { withFileTypes: true })) {
    if (!article.isDirectory()) continue;
    const files = readdirSync(join(root, article.name))
      .filter((f) => /^\d+\.txt$/.test(f))
      .sort((a, b) => parseInt(a) - parseInt(b));
    const texts = files.map((f) => readFileSync(join(root, article.name, f), "utf8"));
    for (let i = 0; i + 1 < texts.length; i++) pairs.push({ id: `${article.name}/${i}->${i + 1}`, before: texts[i], after: texts[i + 1] });
  }
  return pairs;
}

/**
 * Right-to-left and non-Latin revision pairs written for these tests (fixtures/scripts/*.json): the old text and
 * its edits, each located by a piece of text that occurs once in the old text: `find` + `replace` (a deletion
 * when `replace` is empty), `insertBefore` + `text`, and `move` + `to` (the piece is cut and inserted before
 * `to`). Returns the edit list as character offsets, like IteraTeR's, and the text it produces.
 */
type ScriptEdit = { find: string; replace: string } | { insertBefore: string; text: string } | { move: string; to: string };
type ScriptRecord = { id: string; language: string; before: string; edits: ScriptEdit[] };

function uniqueOffset(text: string, piece: string, id: string): number {
  const at = text.indexOf(piece);
  if (at === -1 || at !== text.lastIndexOf(piece)) throw new Error(`${id}: ${JSON.stringify(piece)} must occur exactly once in the old text`);
  return at;
}

export type ScriptPair = IteraterPair & { language: string };

export function loadScriptPairs(): ScriptPair[] {
  const dir = join(FIXTURES_DIR, "scripts");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const r = JSON.parse(readFileSync(join(dir, f), "utf8")) as ScriptRecord;
      const edits: Edit[] = r.edits.flatMap((e): Edit[] => {
        if ("find" in e) {
          const at = uniqueOffset(r.before, e.find, r.id);
          return [{ start: at, end: at + e.find.length, text: e.replace }];
        }
        if ("insertBefore" in e) {
          const at = uniqueOffset(r.before, e.insertBefore, r.id);
          return [{ start: at, end: at, text: e.text }];
        }
        const from = uniqueOffset(r.before, e.move, r.id);
        const to = uniqueOffset(r.before, e.to, r.id);
        return [{ start: from, end: from + e.move.length, text: "" }, { start: to, end: to, text: e.move }];
      });
      return { id: r.id, language: r.language, before: r.before, after: applyEdits(r.before, edits), edits };
    });
}

function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error(`overlapping edits at ${e.start}`);
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}
