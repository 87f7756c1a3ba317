"use client";

import type { FigureConflictDto, FigureDto } from "@/lib/intelligence/workspace-intelligence";
import { emptySource, type ClaimDraft } from "./claim-form";

type Props = {
  conflicts: FigureConflictDto[];
  onShow(figure: FigureDto): void;
  onCheck(conflict: FigureConflictDto): void;
};

const named = (figure: FigureDto) => `${figure.figure}${figure.source ? ` (${figure.source})` : " (source not named)"}`;
/** A link to a figure's words in the article page: the text fragment scrolls to and marks them. */
const figureUrl = (origin: string, slug: string, figure: FigureDto) => `${origin}/articles/${encodeURIComponent(slug)}#:~:text=${encodeURIComponent(figure.text)}`;

function Figure({ figure, onShow }: { figure: FigureDto; onShow(f: FigureDto): void }) {
  return (
    <button type="button" className="link-button intel-figure" onMouseDown={(e) => e.preventDefault()} onClick={() => onShow(figure)} title={`Show “${figure.text}” in the article`}>
      {named(figure)}
    </button>
  );
}

/** What "Check this" proposes: the verdict Credible sources disagree, citing the other figure's passage (in this article or another). */
export function draftFromConflict(c: FigureConflictDto, slug: string, origin: string): ClaimDraft {
  const other = c.second;
  const where = c.article ? `, in “${c.article.title}”` : "";
  return {
    verdict: "DISPUTED",
    explanation: `Figures disagree: ${c.label}${where}.`,
    tags: "",
    sources: [
      {
        ...emptySource(),
        url: figureUrl(origin, c.article?.slug ?? slug, other),
        title: `${other.figure} ${c.quantity}${other.source ? `, according to ${other.source}` : ""}${where}`.slice(0, 300),
        publisher: other.source ?? "",
        excerpt: other.passage.slice(0, 2000),
        stance: "REFUTES",
      },
    ],
  };
}

/** Numbers about the same quantity that cannot both be right, e.g. two death tolls from two monitors, in this article or another. */
export default function FigureConflicts({ conflicts, onShow, onCheck }: Props) {
  if (conflicts.length === 0) return null;
  return (
    <section className="intel-region" aria-labelledby="figure-conflicts-heading" data-testid="figure-conflicts">
      <h2 id="figure-conflicts-heading">Figures that disagree</h2>
      <ul className="intel-list">
        {conflicts.map((c) => (
          <li key={`${c.key}:${c.first.start}:${c.article?.slug ?? ""}:${c.second.start}`} data-testid="figure-conflict" data-other-article={c.article?.slug ?? ""} aria-label={c.article ? `${c.label}, in ${c.article.title}` : c.label}>
            <p className="muted">{c.quantity}</p>
            <p>
              <Figure figure={c.first} onShow={onShow} /> vs{" "}
              {c.article ? (
                <>
                  <a href={figureUrl("", c.article.slug, c.second)} title={`“${c.second.text}” in ${c.article.title}`}>{named(c.second)}</a>
                  <span className="muted"> in “{c.article.title}”</span>
                </>
              ) : (
                <Figure figure={c.second} onShow={onShow} />
              )}
            </p>
            <button type="button" onClick={() => onCheck(c)}>Check this</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
