import type { EditorState } from "@tiptap/pm/state";
import { claimHighlightsKey } from "./claim-highlights";
import { BLOCK_SEPARATOR, leafText } from "./offsets";

/** How an unsaved edit touches the claims on the article (issue 17): claims whose words it changed, and how many of those are approved. */
export type ClaimImpact = { touched: number; approved: number };

/** The words under each claim's highlight, by claim id, as the decorations (mapped through every edit) now cover them. */
export function wordsUnderHighlights(state: EditorState): Map<string, string> {
  const words = new Map<string, string>();
  const set = claimHighlightsKey.getState(state);
  for (const d of set?.find() ?? []) {
    const id = (d.spec as { claimId?: string }).claimId;
    if (id) words.set(id, state.doc.textBetween(d.from, d.to, BLOCK_SEPARATOR, leafText));
  }
  return words;
}

/**
 * Compares the words under each highlight now with the words when the page opened. A highlight the
 * edit deleted entirely counts as changed; typing next to a claim's words (not inside) does not,
 * because the decorations are not inclusive at either end.
 */
export function claimImpact(state: EditorState, original: Map<string, string>, approvedIds: ReadonlySet<string>): ClaimImpact {
  const now = wordsUnderHighlights(state);
  let touched = 0;
  let approved = 0;
  for (const [id, words] of original) {
    if (now.get(id) === words) continue;
    touched++;
    if (approvedIds.has(id)) approved++;
  }
  return { touched, approved };
}
