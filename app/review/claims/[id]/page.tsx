import SourceList from "@/components/review/source-list";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import ClaimActions from "@/components/workflow/claim-actions";
import CommentForm from "@/components/workflow/comment-form";
import "@/components/workflow/workflow.css";
import { requirePageRole } from "@/lib/auth/session";
import { REVIEW_ROLES } from "@/lib/auth/roles";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/components/workflow/format";
import { getClaimPage } from "@/lib/workflow/get-claim-page";
import { EVENT_LABELS } from "@/lib/workflow/history";
import { STATE_LABELS } from "@/lib/workflow/state-machine";
import { STANCE_LABELS, VERDICT_INFO, type TStance } from "@/lib/verdicts";
import { pageId } from "@/lib/validation/page-params";
import LiveRefresh from "@/components/live/live-refresh";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Claim · Factmark" };

export default async function ClaimPage({ params }: { params: Promise<{ id: string }> }) {
  const id = pageId((await params).id);
  const user = await requirePageRole(`/review/claims/${id}`, ...REVIEW_ROLES);
  const page = await getClaimPage(user, id).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const { claim, article, context, published, history, comments, actions } = page;
  const info = VERDICT_INFO[claim.verdict];
  const pending = published && !published.retractedAt && published.claimVersion !== claim.version;
  return (
    <main className="page workflow-page">
      <LiveRefresh on={{ claimId: claim.id }} />
      <p className="breadcrumb">
        <Link href={`/articles/${article.slug}/review`}>← {article.title}</Link>
      </p>
      <h1>Claim</h1>
      <p className="muted" data-testid="claim-state" data-version={claim.version}>
        <span className="state-badge">{STATE_LABELS[claim.state]}</span> · by {claim.author.name} · version {claim.version}
        {pending && <> · a revision of the approved check, waiting for review</>}
      </p>

      <section aria-label="In the article" className="claim-context">
        {context ? (
          <blockquote>{context.before}<mark>{context.quote}</mark>{context.after}</blockquote>
        ) : (
          <blockquote>“{claim.quote}” <span className="muted">(needs re-check: the article changed)</span></blockquote>
        )}
      </section>

      <section aria-label="Check" className="stack">
        <p><span className="verdict-badge" style={{ background: info.color }} data-verdict={claim.verdict}>{info.label}</span></p>
        {claim.explanation && <p data-testid="claim-explanation">{claim.explanation}</p>}
        {claim.tags.length > 0 && <p className="muted">Tags: {claim.tags.join(", ")}</p>}
        <h2>Sources</h2>
        {claim.sources.length === 0 ? <p className="muted">No sources.</p> : (
          <SourceList sources={claim.sources} />
        )}
      </section>

      {published && (published.retractedAt || pending) && (
        <section aria-label="What readers see" className="published-box stack">
          <h2>What readers see</h2>
          {published.retractedAt ? (
            <p>Check withdrawn on {formatDateTime(published.retractedAt)}: {published.retractionReason}</p>
          ) : (
            <>
              <p>The approved version {published.claimVersion} (approved by {published.approvedBy}, {formatDateTime(published.approvedAt)}):</p>
              <p><span className="verdict-badge" style={{ background: VERDICT_INFO[published.verdict].color }}>{VERDICT_INFO[published.verdict].label}</span> {published.explanation}</p>
              {published.sources.length > 0 && <p className="muted">Sources: {published.sources.map((s) => `${s.title} (${STANCE_LABELS[s.stance as TStance] ?? s.stance})`).join("; ")}</p>}
            </>
          )}
        </section>
      )}

      <ClaimActions claimId={claim.id} version={claim.version} actions={actions} />
      {claim.canEdit && <p><Link href={`/articles/${article.slug}/review`}>Edit it in the workspace</Link></p>}

      <section aria-labelledby="comments-heading" className="stack">
        <h2 id="comments-heading">Discussion</h2>
        {comments.length === 0 ? <p className="muted">No comments yet.</p> : (
          <ol className="comment-list">
            {comments.map((c) => (
              <li key={c.id} data-testid="comment">
                <p className="comment-meta"><strong>{c.author.name}</strong> <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time></p>
                <p className="comment-body">{c.body}</p>
              </li>
            ))}
          </ol>
        )}
        <CommentForm claimId={claim.id} />
      </section>

      <section aria-label="History" className="history stack">
        <h2>History</h2>
        <ol className="timeline">
          {history.map((h) => (
            <li key={h.id} data-testid="history-entry" data-type={h.type}>
              <p><strong>{h.actor}</strong> {EVENT_LABELS[h.type] ?? h.type.toLowerCase()} <time dateTime={h.at} className="muted">{formatDateTime(h.at)}</time></p>
              {h.changes.length > 0 && (
                <table className="diff">
                  <thead><tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
                  <tbody>
                    {h.changes.map((c, i) => (
                      <tr key={i}><th scope="row">{c.label}</th><td><del>{c.from ?? "—"}</del></td><td><ins>{c.to ?? "—"}</ins></td></tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}
