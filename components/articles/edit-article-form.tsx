"use client";

import Link from "next/link";
import { useCallback, useRef, useState } from "react";
import ArticleEditor, { type ArticleEditorHandle, type EditorClaim } from "@/components/editor/article-editor";
import type { PostResult } from "@/lib/http/post-json";
import type { TArticleDoc } from "@/lib/articles/document";
import type { ReanchorReport } from "@/lib/articles/save-version";
import type { StaleClaim } from "@/lib/articles/stale-claims";
import StaleClaimsPanel from "./stale-claims-panel";
import "./articles.css";

type Props = { slug: string; versionId: string; versionNumber: number; plainText: string; doc: TArticleDoc; claimCount: number; staleClaims: StaleClaim[]; claims: EditorClaim[] };
type Saved = { version: { id: string; number: number }; report: ReanchorReport };

/** /articles/[slug]/edit (issue 7): edit, add an optional correction note, save a new version, read the re-anchoring report. */
export default function EditArticleForm({ slug, versionId, versionNumber, plainText, doc, claimCount, staleClaims, claims }: Props) {
  const editor = useRef<ArticleEditorHandle>(null);
  const [base, setBase] = useState({ id: versionId, number: versionNumber, text: plainText });
  const [note, setNote] = useState("");
  const [saving, setSaving] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<Saved | null>(null);
  const [stale, setStale] = useState(staleClaims);
  const [impact, setImpact] = useState({ touched: 0, approved: 0 });

  const refreshStale = useCallback(async () => {
    const res = await fetch(`/api/articles/${slug}/versions/stale-claims`, { cache: "no-store" });
    if (res.ok) setStale(((await res.json()) as { claims: StaleClaim[] }).claims);
  }, [slug]);

  const save = async () => {
    const doc = editor.current?.getDoc();
    if (!doc) return;
    setSaving(true);
    setError(null);
    setProgress(null);
    // The save (and the re-anchoring of every claim) runs on the server; it reports each claim batch.
    const res = await saveWithProgress(slug, { baseVersionId: base.id, doc, correctionNote: note }, setProgress);
    setSaving(false);
    setProgress(null);
    if (!res.ok) return setError(res.message);
    setReport(res.data);
    setBase({ id: res.data.version.id, number: res.data.version.number, text: editor.current?.text() ?? base.text });
    setNote("");
    editor.current?.resetClaims();
    setImpact({ touched: 0, approved: 0 });
    await refreshStale();
  };

  const selection = () => {
    const sel = editor.current?.selection();
    if (editor.current?.text() !== base.text) return "Save your edits first, then select the words to re-attach the claim to.";
    if (!sel) return "Select the words in the article above first.";
    return { articleVersionId: base.id, ...sel };
  };

  const claimsWord = (n: number) => `${n.toLocaleString("en")} claim${n === 1 ? "" : "s"}`;

  return (
    <div className="stack">
      <p className="muted">Editing version {base.number}. Saving creates version {base.number + 1}; nothing is overwritten, and every claim is moved onto the new text.</p>
      <ArticleEditor ref={editor} doc={doc} claims={claims} onImpact={setImpact} />
      <div className="field">
        <label htmlFor="correction-note">Correction note</label>
        <textarea id="correction-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby="correction-hint" />
        <p id="correction-hint" className="hint">Optional. Shown to readers under the article, e.g. “An earlier version of this article misstated the date of the inspection.”</p>
      </div>
      <p role="status" className={impact.approved > 0 ? "edit-impact is-approved" : "edit-impact"} data-testid="edit-impact">{impactMessage(impact)}</p>
      <p role="alert" className="form-error">{error}</p>
      <div className="form-actions">
        <button type="button" onClick={save} disabled={saving}>Save new version</button>
        <Link href={`/articles/${slug}/versions`}>Version history</Link>
        <Link href={`/articles/${slug}`}>View article</Link>
      </div>
      {saving && (
        <div role="status" aria-live="polite" data-testid="save-progress">
          {progress && progress.total > 0 ? (
            <>
              <progress aria-label="Saving and re-anchoring" max={progress.total} value={progress.done} /> Saving version {base.number + 1}: re-anchored{" "}
              <span data-testid="save-progress-count">{progress.done.toLocaleString("en")} of {progress.total.toLocaleString("en")}</span> claims…
            </>
          ) : (
            <>
              <progress aria-label="Saving and re-anchoring" /> Saving version {base.number + 1} and re-anchoring {claimsWord(claimCount)} on the server…
            </>
          )}
        </div>
      )}
      {report && (
        <section role="region" aria-label="Re-anchoring report" className="reanchor-report">
          <h2>Version {report.version.number} saved</h2>
          <ul className="report-counts">
            <li data-testid="count-moved"><strong>{report.report.moved}</strong> moved</li>
            <li data-testid="count-changed"><strong>{report.report.changed}</strong> changed</li>
            <li data-testid="count-needs-recheck"><strong>{report.report.needsRecheck}</strong> needs re-check</li>
          </ul>
          <p className="hint">Re-anchored in {report.report.ms} ms. Moved claims follow their words; changed and lost ones are listed below.</p>
          {report.report.claims.length > 0 && (
            <ul>
              {report.report.claims.map((c) => (
                <li key={c.id}>
                  <a href={`#stale-${c.id}`}>{c.outcome === "changed" ? "Changed" : "Needs re-check"}: “{c.oldQuote.length > 80 ? `${c.oldQuote.slice(0, 80)}…` : c.oldQuote}”</a>
                </li>
              ))}
            </ul>
          )}
          <p><Link href={`/articles/${slug}/review`}>Open the review workspace</Link></p>
        </section>
      )}
      <StaleClaimsPanel slug={slug} claims={stale} onChanged={refreshStale} getSelection={selection} />
    </div>
  );
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** What saving the edit so far will do to the claims (issue 17); empty while it changes no claim's words. */
export function impactMessage({ touched, approved }: { touched: number; approved: number }): string {
  if (touched === 0) return "";
  const others = touched - approved;
  if (approved > 0) {
    return `This edit changes the words of ${plural(approved, "approved check", "approved checks")}; ${approved === 1 ? "it goes" : "they will go"} back to review.${others > 0 ? ` It also changes the words of ${plural(others, "other claim", "other claims")}.` : ""}`;
  }
  return `This edit changes the words of ${plural(touched, "claim", "claims")}; ${touched === 1 ? "its reviewer is" : "their reviewers are"} asked to check ${touched === 1 ? "it" : "them"} again.`;
}

/**
 * Posts the version and reads the streamed progress lines (issue 20, item 6); any answer that is
 * not the stream (a refusal before saving started) is read as an ordinary JSON error.
 */
async function saveWithProgress(slug: string, body: unknown, onProgress: (p: { done: number; total: number }) => void): Promise<PostResult<Saved>> {
  let res: Response;
  try {
    res = await fetch(`/api/articles/${slug}/versions`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/x-ndjson" },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, message: "Could not reach the server. Nothing was changed; check your connection and try again.", fieldErrors: {} };
  }
  if (!res.ok || !res.body || !res.headers.get("content-type")?.includes("application/x-ndjson")) {
    const payload = (await res.json().catch(() => null)) as { error?: { message?: string; fieldErrors?: Record<string, string[]> } } | null;
    return { ok: false, status: res.status, message: payload?.error?.message ?? `The server refused the request (${res.status}).`, fieldErrors: payload?.error?.fieldErrors ?? {} };
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
    if (value) buffered += value;
    const lines = buffered.split("\n");
    buffered = done ? "" : (lines.pop() ?? "");
    for (const line of lines.filter((l) => l.trim())) {
      const msg = JSON.parse(line) as
        | { type: "progress"; done: number; total: number }
        | { type: "done"; saved: Saved }
        | { type: "error"; status: number; error: { message: string; fieldErrors?: Record<string, string[]> } };
      if (msg.type === "progress") onProgress({ done: msg.done, total: msg.total });
      else if (msg.type === "done") return { ok: true, data: msg.saved };
      else return { ok: false, status: msg.status, message: msg.error.message, fieldErrors: msg.error.fieldErrors ?? {} };
    }
    if (done) break;
  }
  return { ok: false, status: 0, message: "The connection closed before the save finished. Reload the page to see whether the version was saved.", fieldErrors: {} };
}
