"use client";

import { useEffect, useState } from "react";
import type { CheckedBefore } from "@/lib/intelligence/checked-before";
import { VERDICT_INFO } from "@/lib/verdicts";
import { formatDate } from "@/lib/format";

type Props = {
  slug: string;
  /** The selected words or the opened suggestion; null when nothing is selected. */
  text: string | null;
  canReuse: boolean;
  onReuse(check: CheckedBefore): void;
};

/** Published checks from other articles that say nearly the same as the selected words. */
export default function CheckedBeforeRegion({ slug, text, canReuse, onReuse }: Props) {
  const [found, setFound] = useState<{ text: string; checks: CheckedBefore[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!text || text.trim().length < 3) return;
    const controller = new AbortController();
    // Wait until the selection settles: a drag changes it on every mouse move.
    const timer = window.setTimeout(async () => {
      try {
        const res = await fetch(`/api/articles/${encodeURIComponent(slug)}/checked-before?text=${encodeURIComponent(text.slice(0, 2000))}`, { signal: controller.signal });
        const json = (await res.json()) as { checks?: CheckedBefore[]; error?: { message?: string } };
        if (!res.ok) throw new Error(json.error?.message ?? `The server refused the lookup (${res.status}).`);
        setFound({ text, checks: json.checks ?? [] });
        setError(null);
      } catch (e) {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : "The lookup failed.");
      }
    }, 250);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [slug, text]);

  if (!text) return null;
  const checks = found?.text === text ? found.checks : [];
  return (
    <section className="intel-region" aria-labelledby="checked-before-heading" data-testid="checked-before">
      <h2 id="checked-before-heading">Checked before</h2>
      {error && <p className="muted" role="status">{error}</p>}
      {found?.text === text && checks.length === 0 && <p className="muted">No published check from another article says this.</p>}
      <ul className="intel-list">
        {checks.map((c) => (
          <li key={c.claimId} data-testid="checked-before-item">
            <span className="verdict-badge" style={{ background: VERDICT_INFO[c.verdict].color }} data-verdict={c.verdict}>{VERDICT_INFO[c.verdict].label}</span>
            <span className="intel-quote">“{c.quote}”</span>
            <span className="muted">
              <a href={`/articles/${encodeURIComponent(c.article.slug)}`}>{c.article.title}</a> · {formatDate(new Date(c.approvedAt))}
            </span>
            {canReuse && (
              <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => onReuse(c)}>Reuse this check</button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
