// The reader's highlights as buttons (issue 21). The server sends each <mark> with what it is (its
// check, its verdict as a class, the other checks over the same words, whether it is the check's
// first piece) and nothing a browser without JavaScript cannot use: without JavaScript a mark opens
// nothing, so calling it a button would be untrue, and the evidence is listed below the article
// with a "Show in the article" link to each first mark. With 200 checks the button attributes and
// accessible names were ~60 KiB of every page; ReaderInteractions adds them here, in the browser,
// before a reader can reach a mark. Client-safe: DOM only, no React, no server imports.
import { VERDICT_INFO, VERDICTS, type TVerdict } from "@/lib/verdicts";

/** The accessible name of a highlight: its verdict (or withdrawal), then the words it covers. */
export function markLabel(verdict: TVerdict, state: { withdrawn: boolean; changed: boolean }, otherChecks: number, words: string): string {
  const name = state.withdrawn ? "Check withdrawn" : `Claim rated ${VERDICT_INFO[verdict].label}${state.changed ? ", and the article changed here after this check" : ""}`;
  const more = otherChecks ? ` (and ${otherChecks} more check${otherChecks === 1 ? "" : "s"} here)` : "";
  return `${name}${more}: ${words}`;
}

const KNOWN = new Set<string>(VERDICTS);

/** A mark's words, without its verdict icon. */
function wordsOf(mark: Element): string {
  let words = "";
  for (const node of mark.childNodes) if (!(node as Element).classList?.contains("verdict-icon")) words += node.textContent ?? "";
  return words;
}

/**
 * Makes every server-rendered mark under `root` a named button: role, tab stop (the check's first
 * piece only), aria-haspopup, aria-label, and data-claims / data-verdict for the scripts and tests
 * that read them. Idempotent.
 */
export function enhanceMarks(root: ParentNode): void {
  for (const mark of root.querySelectorAll<HTMLElement>("mark[data-claim-id]")) {
    if (mark.hasAttribute("role")) continue;
    const id = mark.dataset.claimId!;
    const verdict = [...mark.classList].find((c) => c.startsWith("v-") && KNOWN.has(c.slice(2)))?.slice(2) as TVerdict | undefined;
    if (!verdict) continue;
    const claims = mark.dataset.claims?.split(" ").filter(Boolean) ?? [id];
    mark.dataset.claims = claims.join(" ");
    mark.dataset.verdict = verdict;
    mark.setAttribute("role", "button");
    mark.setAttribute("aria-haspopup", "dialog");
    mark.tabIndex = mark.dataset.first === "true" ? 0 : -1;
    const state = { withdrawn: mark.classList.contains("is-withdrawn"), changed: mark.classList.contains("is-changed") };
    mark.setAttribute("aria-label", markLabel(verdict, state, claims.length - 1, wordsOf(mark)));
  }
}
