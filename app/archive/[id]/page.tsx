import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getPageSessionUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getArchivedCopy } from "@/lib/snapshots/read-archive";
import { archivedOn, WARNING_TEXT } from "@/lib/snapshots/status";
import { pageId } from "@/lib/validation/page-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Archived copy · Factmark", robots: { index: false } };

/** Factmark's copy of a cited page (issue 18), clearly marked as a copy with its date. */
export default async function ArchivePage({ params }: { params: Promise<{ id: string }> }) {
  const id = pageId((await params).id);
  const copy = await getArchivedCopy(await getPageSessionUser(), id).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <main className="archive-page">
      <aside className="archive-banner" role="note" aria-label="About this copy">
        <p>
          <strong>Archived copy.</strong> This is Factmark&apos;s copy of{" "}
          <a href={copy.url} rel="noopener noreferrer nofollow">{copy.url}</a>, taken on <time dateTime={copy.fetchedAt}>{archivedOn(copy.fetchedAt)}</time>. It is not the live page.
        </p>
        {copy.warning && <p className="source-warning"><strong>{WARNING_TEXT[copy.warning]}.</strong></p>}
        {copy.sha256 && <p className="muted">SHA-256 of the page as received: <code>{copy.sha256}</code></p>}
      </aside>
      <article className="archive-content">
        {copy.title && <h1>{copy.title}</h1>}
        {(copy.publisher || copy.publishedAt) && <p className="muted">{[copy.publisher, copy.publishedAt].filter(Boolean).join(", ")}</p>}
        {copy.html ? (
          // Sanitized when archived: only headings, paragraphs, lists, quotes, emphasis and http(s) links remain.
          <div dangerouslySetInnerHTML={{ __html: copy.html }} />
        ) : copy.text ? (
          <pre className="archive-text">{copy.text}</pre>
        ) : (
          <p className="muted">Factmark kept this {copy.contentType ?? "file"}&apos;s fingerprint but no readable text.</p>
        )}
      </article>
    </main>
  );
}
