import Link from "next/link";
import { ARTICLE_EDIT_ROLES } from "@/lib/articles/authorize";
import { isAppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { listIndex, MAX_QUERY_LENGTH, type IndexEntry } from "@/lib/publishing/search";
import { claimAnchorId } from "@/lib/publishing/site";
import { VERDICT_INFO } from "@/lib/verdicts";
import { getPageSessionUser } from "@/lib/auth/session";
import { hasRole, REVIEW_ROLES } from "@/lib/auth/roles";
import { getReviewerHome } from "@/lib/workflow/get-reviewer-home";
import { STATE_LABELS } from "@/lib/workflow/state-machine";

export const dynamic = "force-dynamic";

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
  let articles: IndexEntry[] = [];
  let error: string | null = null;
  try {
    articles = await listIndex(q);
  } catch (e) {
    if (!isAppError(e)) throw e;
    error = e.message;
  }
  const user = await getPageSessionUser();
  const home = user && hasRole(user, REVIEW_ROLES) ? await getReviewerHome(user) : null;
  const canEdit = hasRole(user, ARTICLE_EDIT_ROLES);
  return (
    <main className="page">
      <h1>Fact-checked articles</h1>
      {canEdit && <p><Link className="button" href="/articles/new">New article</Link></p>}
      <form role="search" action="/" method="get" className="search">
        <label htmlFor="q" className="visually-hidden">Search articles and checked claims</label>
        <input id="q" name="q" type="search" defaultValue={q} maxLength={MAX_QUERY_LENGTH} placeholder="Search titles and checked claims" />
        <button type="submit">Search</button>
      </form>
      {error && <p className="form-error" role="alert">{error}</p>}
      {q && !error && (
        <p className="muted" aria-live="polite" data-testid={articles.length === 0 ? "search-empty" : undefined}>
          {articles.length === 0 ? (
            <>Nothing matches “{q}”. Try fewer or other words (titles and checked claims are searched), or <Link href="/">see all articles</Link>.</>
          ) : (
            `${articles.length} article${articles.length === 1 ? "" : "s"} match “${q}”.`
          )}
        </p>
      )}
      {!q && articles.length === 0 ? (
        <div className="empty-state" data-testid="articles-empty">
          {canEdit ? (
            <p>No articles yet. Import the first one with <Link href="/articles/new">New article</Link>: paste its text, Markdown or HTML, then check its claims.</p>
          ) : (
            <p>No fact-checked articles yet. Checked articles appear here as soon as an editor publishes them.</p>
          )}
        </div>
      ) : (
        <ul className="article-list">
          {articles.map((a) => (
            <li key={a.slug}>
              <Link href={`/articles/${a.slug}`} className="article-link">{a.title}</Link>
              {canEdit && <> · <Link href={`/articles/${a.slug}/edit`} aria-label={`Edit ${a.title}`}>Edit</Link></>}
              <p className="muted">
                {[a.checkedCount === 1 ? "1 claim checked" : `${a.checkedCount} claims checked`, a.byline, a.publishedAt ? formatDate(a.publishedAt) : null, a.tags.join(" · ")].filter(Boolean).join(" — ")}
              </p>
              {a.matches.length > 0 && (
                <ul className="search-hits">
                  {a.matches.map((m) => (
                    <li key={m.claimId}>
                      <Link href={`/articles/${a.slug}#${claimAnchorId(m.claimId)}`}>“{m.quote}”</Link> — {VERDICT_INFO[m.verdict].label}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {home && (
        <>
          <section aria-labelledby="my-assignments">
            <h2 id="my-assignments">My assignments</h2>
            {home.assignments.length === 0 ? (
              <p className="muted" data-testid="assignments-empty">
                No articles assigned to you. An editor assigns articles from the review queue; you will get a notification. Meanwhile you can open any article above and check its claims.
              </p>
            ) : (
              <ul>
                {home.assignments.map((a) => <li key={a.slug}><Link href={`/articles/${a.slug}/review`}>{a.title}</Link></li>)}
              </ul>
            )}
          </section>
          <section aria-labelledby="my-claims">
            <h2 id="my-claims">My claims by state</h2>
            <ul>
              {home.claimsByState.map((g) => (
                <li key={g.state} data-testid={`my-claims-${g.state}`}>
                  {STATE_LABELS[g.state]}: {g.claims.length}
                  {g.claims.length > 0 && (
                    <ul>
                      {g.claims.slice(0, 10).map((c) => <li key={c.id}><Link href={`/review/claims/${c.id}`}>“{c.quote}”</Link> <span className="muted">({c.articleTitle})</span></li>)}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </main>
  );
}
