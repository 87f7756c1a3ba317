import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import RestoreButton from "@/components/articles/restore-button";
import { ARTICLE_EDIT_ROLES } from "@/lib/articles/authorize";
import { diffVersions, listVersions } from "@/lib/articles/versions";
import { requirePageRole } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { pageSlug } from "@/lib/validation/page-params";
import "@/components/articles/articles.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Version history · Factmark" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ from?: string; to?: string }> };

export default async function VersionsPage({ params, searchParams }: Props) {
  const slug = pageSlug((await params).slug);
  const user = await requirePageRole(`/articles/${slug}/versions`, ...ARTICLE_EDIT_ROLES);
  const { article, versions } = await listVersions(user, slug).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const latest = versions[0];
  const q = await searchParams;
  const to = Number(q.to ?? latest.number);
  const from = Number(q.from ?? Math.max(1, latest.number - 1));
  const diff = versions.some((v) => v.number === from) && versions.some((v) => v.number === to) ? await diffVersions(user, slug, from, to) : null;
  const options = versions.map((v) => <option key={v.number} value={v.number}>Version {v.number}</option>);
  return (
    <main className="page stack">
      <p className="breadcrumb"><Link href={`/articles/${slug}`}>← Back to the article</Link> · <Link href={`/articles/${slug}/edit`}>Edit</Link></p>
      <h1>Version history: {article.title}</h1>
      <section aria-label="Versions">
        <ol className="version-list">
          {versions.map((v) => (
            <li key={v.id} data-testid="version">
              <strong>Version {v.number}</strong>{v.number === latest.number ? " (current)" : ""} · {formatDate(v.createdAt)} {v.createdAt.toISOString().slice(11, 16)} UTC
              {v.author ? ` · ${v.author}` : ""} · {v.words.toLocaleString("en")} words
              {v.restoredFromNumber ? ` · restored from version ${v.restoredFromNumber}` : ""}
              {v.correctionNote && <p><em>Correction note:</em> {v.correctionNote}</p>}
              {v.report && <p className="hint">Claims: {v.report.moved} moved, {v.report.changed} changed, {v.report.needsRecheck} needs re-check.</p>}
              {v.number !== latest.number && <RestoreButton slug={slug} number={v.number} baseVersionId={latest.id} />}
            </li>
          ))}
        </ol>
      </section>
      {versions.length > 1 && (
        <section aria-label="Compare versions">
          <h2>Compare versions</h2>
          <form method="get" className="toolbar">
            <label>From <select name="from" defaultValue={from}>{options}</select></label>
            <label>To <select name="to" defaultValue={to}>{options}</select></label>
            <button type="submit">Compare</button>
          </form>
          {diff && (
            <>
              <p className="muted">Version {from} → version {to}: {diff.inserted} words added, {diff.deleted} words removed.</p>
              <div className="diff" data-testid="diff">
                {diff.parts.map((p, i) => (p.op === "insert" ? <ins key={i}>{p.text}</ins> : p.op === "delete" ? <del key={i}>{p.text}</del> : <span key={i}>{p.text}</span>))}
              </div>
            </>
          )}
        </section>
      )}
    </main>
  );
}
