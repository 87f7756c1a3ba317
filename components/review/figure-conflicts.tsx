"use client";

import type { FigureConflictDto, FigureDto } from "@/lib/intelligence/workspace-intelligence";

type Props = {
  conflicts: FigureConflictDto[];
  onShow(figure: FigureDto): void;
  onCheck(conflict: FigureConflictDto): void;
};

function Figure({ figure, onShow }: { figure: FigureDto; onShow(f: FigureDto): void }) {
  return (
    <button type="button" className="link-button intel-figure" onMouseDown={(e) => e.preventDefault()} onClick={() => onShow(figure)} title={`Show “${figure.text}” in the article`}>
      {figure.figure}
      {figure.source ? ` (${figure.source})` : " (source not named)"}
    </button>
  );
}

/** Numbers about the same quantity that cannot both be right, e.g. two death tolls from two monitors. */
export default function FigureConflicts({ conflicts, onShow, onCheck }: Props) {
  if (conflicts.length === 0) return null;
  return (
    <section className="intel-region" aria-labelledby="figure-conflicts-heading" data-testid="figure-conflicts">
      <h2 id="figure-conflicts-heading">Figures that disagree</h2>
      <ul className="intel-list">
        {conflicts.map((c) => (
          <li key={`${c.key}:${c.first.start}:${c.second.start}`} data-testid="figure-conflict" aria-label={c.label}>
            <p className="muted">{c.quantity}</p>
            <p>
              <Figure figure={c.first} onShow={onShow} /> vs <Figure figure={c.second} onShow={onShow} />
            </p>
            <button type="button" onClick={() => onCheck(c)}>Check this</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
