// The heavy, static parts of the public article page as HTML strings: the article with its
// highlights, the evidence for every check, and the ClaimReview JSON-LD. With 200 checks these are
// thousands of elements; as React elements each is serialised twice per request (RSC payload, then
// HTML), which kept the page at ~85 ms. As strings they are built once and sent as-is.
// Every interpolated value goes through escapeHtml or attr().
import escapeHtml from "escape-html";
import { attr, documentHtml } from "@/lib/articles/document-html";
import type { TArticleDoc } from "@/lib/articles/document";
import { formatDate } from "@/lib/format";
import { VERDICT_ICONS } from "@/lib/verdict-icons";
import { STANCE_LABELS, VERDICT_INFO } from "@/lib/verdicts";
import { jsonForScript, type ClaimReview } from "./claimreview";
import { archiveHref, archivedOn, WARNING_TEXT } from "@/lib/snapshots/status";
import type { PublishedClaimView, TSourceSnapshot } from "./published";
import { claimAnchorId } from "./site";

const WITHDRAWN_ICON = "⊘";

const date = (iso: string | null) => (iso ? formatDate(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)) : null);

/**
 * The article with its published checks as <mark> elements. Where checks overlap, a piece of text
 * gets ONE mark for the innermost check, listing every check over it in data-claims (innermost
 * first), so there is never an interactive element inside another.
 */
export function readerArticleHtml(doc: TArticleDoc, claims: PublishedClaimView[]): string {
  const byId = new Map(claims.map((c) => [c.id, c]));
  const intervals = claims.flatMap((c) => (c.placement ? [{ id: c.id, start: c.placement.start, end: c.placement.end }] : []));
  // Pieces come in reading order, so a check's first mark is the first piece where it is the
  // innermost check: its tab stop and the target of n/p.
  const marked = new Set<string>();
  // Only what the mark is: the button attributes and accessible name are added in the browser
  // (reader-marks.ts, issue 21: they were ~60 KiB of a page with 200 checks, and mean nothing
  // without JavaScript). data-claims only where checks overlap; alone it is data-claim-id.
  return documentHtml(doc, {
    highlights: intervals,
    wrap(covering, inner) {
      const id = covering[covering.length - 1];
      const claim = byId.get(id)!;
      const others = covering.length - 1;
      const first = !marked.has(id);
      marked.add(id);
      const classes = `claim-mark v-${claim.verdict}${claim.retraction ? " is-withdrawn" : ""}${claim.changedSince ? " is-changed" : ""}${others ? " is-overlap" : ""}`;
      const icon = first ? `<span class="verdict-icon" aria-hidden="true">${claim.retraction ? WITHDRAWN_ICON : VERDICT_ICONS[claim.verdict]}</span>` : "";
      return (
        `<mark${first ? attr("id", `mark-${id}`) : ""}${attr("class", classes)}${attr("data-claim-id", id)}` +
        `${others ? attr("data-claims", [...covering].reverse().join(" ")) : ""}${first ? ' data-first="true"' : ""}>${icon}${inner}</mark>`
      );
    },
  });
}

/** Issue 18: the archived copy of a source and, when the live page changed or went, a warning. */
function archiveHtml(a: TSourceSnapshot["archive"]): string {
  if (!a) return "";
  const warning = a.warning ? ` <strong class="source-warning">${escapeHtml(WARNING_TEXT[a.warning])}</strong>` : "";
  return ` · <a${attr("href", archiveHref(a.id))}${attr("title", `Factmark's copy of the page, taken ${archivedOn(a.fetchedAt)}`)}>Archived copy</a>${warning}`;
}

function sourcesHtml(claim: PublishedClaimView): string {
  if (!claim.sources.length) return "";
  const items = claim.sources.map((s) => {
    const meta = [s.publisher, date(s.publishedAt)].filter(Boolean).join(", ");
    // Sources are checked to be http(s) when saved; a snapshot that is not anyway shows no link.
    const title = /^https?:\/\//i.test(s.url) ? `<a${attr("href", s.url)} rel="noopener noreferrer nofollow" target="_blank">${escapeHtml(s.title)}</a>` : escapeHtml(s.title);
    return (
      `<li>${title}` +
      `<span class="muted">${meta ? ` — ${escapeHtml(meta)}` : ""}</span>` +
      `<span class="stance"> ${escapeHtml(STANCE_LABELS[s.stance])}</span>` +
      archiveHtml(s.archive) +
      `${s.excerpt ? `<blockquote class="evidence-excerpt">${escapeHtml(s.excerpt)}</blockquote>` : ""}</li>`
    );
  });
  return `<ul class="evidence-sources" aria-label="Sources">${items.join("")}</ul>`;
}

/** One published check: verdict, explanation, sources, and who checked and approved it. */
export function evidenceHtml(claim: PublishedClaimView): string {
  const info = VERDICT_INFO[claim.verdict];
  const badge = claim.retraction
    ? `<span class="verdict-badge withdrawn-badge">Check withdrawn</span>`
    : `<span class="verdict-badge"${attr("style", `background:${info.color}`)}><span aria-hidden="true">${VERDICT_ICONS[claim.verdict]} </span>${escapeHtml(info.label)}</span>`;
  const changed =
    claim.changedSince && !claim.retraction
      ? `<p class="changed-note" role="note"><strong>The article changed here after this check</strong> (${escapeHtml(date(claim.changedSince)!)}); the check was made on the words quoted above and is being re-checked.</p>`
      : "";
  const body = claim.retraction
    ? `<p>This check (rated <s>${escapeHtml(info.label)}</s>) was withdrawn by ${escapeHtml(claim.retraction.by)} on ${escapeHtml(date(claim.retraction.at)!)}. Reason: ${escapeHtml(claim.retraction.reason)}</p>`
    : `${claim.explanation ? `<p class="evidence-explanation">${escapeHtml(claim.explanation)}</p>` : ""}${sourcesHtml(claim)}`;
  return (
    `<div class="evidence${claim.retraction ? " is-withdrawn" : ""}">` +
    `<h3 class="evidence-heading">${badge}<span class="evidence-quote">“${escapeHtml(claim.quote)}”</span></h3>${changed}${body}` +
    `<p class="muted evidence-byline">Checked by ${escapeHtml(claim.reviewer)}; approved by ${escapeHtml(claim.approvedBy)} on ${escapeHtml(date(claim.approvedAt)!)}.</p></div>`
  );
}

/** The evidence list's items, each with its anchor (the ClaimReview url) and a link to its highlight. */
export function evidenceListHtml(claims: PublishedClaimView[]): string {
  return claims
    .map((c) => `<li${attr("id", claimAnchorId(c.id))}>${evidenceHtml(c)}${c.placement ? `<a${attr("href", `#mark-${c.id}`)} class="muted">Show in the article</a>` : ""}</li>`)
    .join("");
}

/** One <script type="application/ld+json"> per ClaimReview. */
export function claimReviewScriptsHtml(reviews: ClaimReview[]): string {
  return reviews.map((r) => `<script type="application/ld+json">${jsonForScript(r)}</script>`).join("");
}
