import type { Metadata } from "next";
import Link from "next/link";
import AssignmentForm from "@/components/workflow/assignment-form";
import "@/components/workflow/workflow.css";
import { formatAge } from "@/components/workflow/format";
import { requirePageRole } from "@/lib/auth/session";
import { listAssignments } from "@/lib/workflow/assign-article";
import { listReviewQueue } from "@/lib/workflow/list-queue";
import { REVIEW_STATES, STATE_LABELS } from "@/lib/workflow/state-machine";
import { ZQueueFilters } from "@/lib/validation/workflow";
import { VERDICT_INFO, VERDICTS } from "@/lib/verdicts";
import LiveRefresh from "@/components/live/live-refresh";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Review queue · Factmark" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReviewQueuePage({ searchParams }: Props) {
  const user = await requirePageRole("/review/queue", "EDITOR", "ADMIN");
  const raw = await searchParams;
  const one = (k: string) => (typeof raw[k] === "string" ? raw[k] : undefined);
  // A bad filter value in the address is ignored rather than an error page.
  const parsed = ZQueueFilters.safeParse({ article: one("article"), reviewer: one("reviewer"), verdict: one("verdict"), state: one("state") });
  const [queue, assignments] = await Promise.all([listReviewQueue(user, parsed.success ? parsed.data : {}, one("after")), listAssignments(user)]);
  const { items, filters } = queue;
  // Page links keep the filters in the address, so a page can be shared and reloaded.
  const pageHref = (after?: string) => {
    const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ""));
    if (after) q.set("after", after);
    return `/review/queue?${q.toString()}`;
  };
  const filtered = !!(filters.article || filters.reviewer || filters.verdict || filters.state !== "SUBMITTED");
  return (
    <main className="page wide workflow-page">
      <LiveRefresh on={{ claims: "all" }} />
      <h1>Review queue</h1>
      <form method="get" className="filters" aria-label="Filter the queue">
        <label>
          <span>Article</span>
          <select name="article" defaultValue={filters.article}>
            <option value="">All articles</option>
            {queue.articles.map((a) => <option key={a.slug} value={a.slug}>{a.title}</option>)}
          </select>
        </label>
        <label>
          <span>Reviewer</span>
          <select name="reviewer" defaultValue={filters.reviewer}>
            <option value="">Everyone</option>
            {queue.reviewers.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
          </select>
        </label>
        <label>
          <span>Verdict</span>
          <select name="verdict" defaultValue={filters.verdict}>
            <option value="">All verdicts</option>
            {VERDICTS.map((v) => <option key={v} value={v}>{VERDICT_INFO[v].label}</option>)}
          </select>
        </label>
        <label>
          <span>State</span>
          <select name="state" defaultValue={filters.state}>
            {REVIEW_STATES.map((s) => <option key={s} value={s}>{STATE_LABELS[s]}</option>)}
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      <p className="muted" aria-live="polite" data-testid="queue-total">
        {queue.total} claim{queue.total === 1 ? "" : "s"} · {STATE_LABELS[filters.state as keyof typeof STATE_LABELS].toLowerCase()}, oldest first
        {(queue.isLaterPage || queue.nextCursor) && <> · showing {items.length} on this page</>}
      </p>
      {items.length === 0 ? (
        <div className="empty-state" data-testid="queue-empty">
          {queue.isLaterPage ? (
            <p>No more claims on this page: they were decided since you opened it. <Link href={pageHref()}>Back to the first page</Link></p>
          ) : filtered ? (
            <p>No claim matches these filters. <Link href="/review/queue">Show everything waiting for review</Link></p>
          ) : (
            <p>
              Nothing waits for review: every submitted claim has been decided. New submissions appear here and in your
              notifications. To get claims checked, assign reviewers to an article below, or <Link href="/">open an article</Link>.
            </p>
          )}
        </div>
      ) : (
        <table className="queue-table">
          <thead>
            <tr><th scope="col">Claim</th><th scope="col">Article</th><th scope="col">Verdict</th><th scope="col">Reviewer</th><th scope="col">Waiting</th></tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id} data-testid="queue-item" data-claim-id={c.id}>
                <td><Link href={`/review/claims/${c.id}`}>“{c.quote}”</Link></td>
                <td>{c.article.title}</td>
                <td><span className="verdict-badge" style={{ background: VERDICT_INFO[c.verdict].color }}>{VERDICT_INFO[c.verdict].label}</span></td>
                <td>{c.reviewer.name}</td>
                <td><time dateTime={c.since}>{formatAge(c.since)}</time></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(queue.isLaterPage || queue.nextCursor) && (
        <nav aria-label="Queue pages" className="pager">
          {queue.isLaterPage && <Link href={pageHref()}>First page</Link>}{" "}
          {queue.nextCursor && <Link href={pageHref(queue.nextCursor)} rel="next">Next page</Link>}
        </nav>
      )}

      <section aria-labelledby="assignments-heading" className="stack">
        <h2 id="assignments-heading">Assignments</h2>
        {assignments.articles.map((a) => (
          <AssignmentForm key={a.slug} slug={a.slug} title={a.title} people={assignments.people} assigned={a.reviewers.map((r) => r.id)} />
        ))}
      </section>
    </main>
  );
}
