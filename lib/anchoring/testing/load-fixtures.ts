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
