import type { ReactNode } from "react";
import type { PublishedClaimView } from "@/lib/publishing/published";
import { VERDICT_ICONS } from "@/lib/verdict-icons";
import { VERDICT_INFO } from "@/lib/verdicts";
import { BLOCK_SEPARATOR, textblocks, type TArticleDoc } from "@/lib/articles/document";
import { splitAtBoundaries, type Interval } from "@/lib/publishing/segments";
import StaticDocument from "./static-document";

/**
 * Where each check's first mark starts: the first piece of text where it is the innermost check.
 * That mark is the check's tab stop and the target of n/p. (Cutting at formatting as well, as the
 * renderer does, only subdivides these pieces, so their starts agree.)
 */
function firstPieceStarts(doc: TArticleDoc, intervals: Interval[]): Map<string, number> {
  const first = new Map<string, number>();
  let offset = 0;
  for (const [i, block] of textblocks(doc).entries()) {
    if (i) offset += BLOCK_SEPARATOR.length;
    for (const piece of splitAtBoundaries(offset, offset + block.length, intervals)) {
      const innermost = piece.covering[piece.covering.length - 1];
      if (innermost && !first.has(innermost)) first.set(innermost, piece.start);
    }
    offset += block.length;
  }
  return first;
}

/**
 * The article with its published checks as <mark> elements, rendered on the server. Where checks
 * overlap, a piece of text gets ONE mark for the innermost check, listing every check over it in
 * data-claims (innermost first), so there is never an interactive element inside another.
 */
export default function ReaderMarks({ doc, claims }: { doc: TArticleDoc; claims: PublishedClaimView[] }) {
  const byId = new Map(claims.map((c) => [c.id, c]));
  const placed = claims.filter((c) => c.placement);
  const intervals = placed.map((c) => ({ id: c.id, start: c.placement!.start, end: c.placement!.end }));
  const firstPiece = firstPieceStarts(doc, intervals);

  function renderHighlight(covering: string[], children: ReactNode, key: string, pieceStart: number): ReactNode {
    const id = covering[covering.length - 1];
    const claim = byId.get(id)!;
    const others = covering.filter((c) => c !== id);
    const first = firstPiece.get(id) === pieceStart;
    const info = VERDICT_INFO[claim.verdict];
    const name = claim.retraction ? "Check withdrawn" : `Claim rated ${info.label}${claim.changedSince ? ", and the article changed here after this check" : ""}`;
    return (
      <mark
        key={key}
        id={first ? `mark-${id}` : undefined}
        className={`claim-mark v-${claim.verdict}${claim.retraction ? " is-withdrawn" : ""}${claim.changedSince ? " is-changed" : ""}${others.length ? " is-overlap" : ""}`}
        data-claim-id={id}
        data-verdict={claim.verdict}
        data-claims={[...covering].reverse().join(" ")}
        data-first={first ? "true" : undefined}
        tabIndex={first ? 0 : -1}
        role="button"
        aria-haspopup="dialog"
        aria-label={`${name}${others.length ? ` (and ${others.length} more check${others.length === 1 ? "" : "s"} here)` : ""}: ${claim.quote}`}
      >
        {first && <span className="verdict-icon" aria-hidden="true">{claim.retraction ? "⊘" : VERDICT_ICONS[claim.verdict]}</span>}
        {children}
      </mark>
    );
  }

  return <StaticDocument doc={doc} highlights={intervals} renderHighlight={renderHighlight} />;
}
