"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { ClaimDto } from "@/lib/claims/claim-dto";
import { fieldErrorsOf, splitTags, ZClaimFields, type TClaimFieldsInput } from "@/lib/validation/claims";
import { STANCE_LABELS, STANCES, VERDICT_INFO, VERDICTS, type TStance, type TVerdict } from "@/lib/verdicts";
import { formatDate } from "@/lib/format";
import { postJson } from "@/lib/http/post-json";

export type SourceDraft = { key: string; url: string; title: string; publisher: string; publishedAt: string; accessedAt: string; excerpt: string; stance: TStance | "" };
export type ClaimDraft = { verdict: TVerdict; explanation: string; tags: string; sources: SourceDraft[] };

let nextKey = 0;
const newKey = () => `s${++nextKey}`;

export function emptySource(): SourceDraft {
  return { key: newKey(), url: "", title: "", publisher: "", publishedAt: "", accessedAt: new Date().toISOString().slice(0, 10), excerpt: "", stance: "" };
}

export function draftFromClaim(c: ClaimDto | null): ClaimDraft {
  if (!c) return { verdict: "UNVERIFIED", explanation: "", tags: "", sources: [] };
  return {
    verdict: c.verdict,
    explanation: c.explanation,
    tags: c.tags.join(", "),
    sources: c.sources.map((s) => ({ key: newKey(), url: s.url, title: s.title, publisher: s.publisher ?? "", publishedAt: s.publishedAt ?? "", accessedAt: s.accessedAt ?? "", excerpt: s.excerpt ?? "", stance: s.stance })),
  };
}

export function fieldsOf(d: ClaimDraft): TClaimFieldsInput {
  return {
    verdict: d.verdict,
    explanation: d.explanation,
    tags: splitTags(d.tags),
    sources: d.sources.map((s) => ({ url: s.url, title: s.title, publisher: s.publisher, publishedAt: s.publishedAt, accessedAt: s.accessedAt, excerpt: s.excerpt, stance: s.stance as TStance })),
  };
}

type Props = {
  mode: "create" | "edit";
  quote: string;
  initial: ClaimDraft;
  /** A save refused as stale: the user's draft stays, and the current values are shown beside it. */
  conflict: { message: string; current: ClaimDto } | null;
  /** A colleague saved this claim while the form was open (issue 15), before any save was tried. */
  liveChange?: ClaimDto | null;
  /** A colleague deleted this claim while the form was open. */
  liveDeleted?: boolean;
  serverError: string | null;
  serverFieldErrors: Record<string, string[]>;
  busy: boolean;
  canDelete: boolean;
  onSave(fields: TClaimFieldsInput): void;
  onDelete(): void;
  onCancel(): void;
  onUseCurrent(): void;
};

/** The other person's saved values, beside the user's own draft. */
function TheirVersion({ current, testId }: { current: ClaimDto; testId: string }) {
  return (
    <dl data-testid={`${testId}-values`}>
      <dt>Current verdict</dt><dd data-testid={`${testId}-verdict`}>{VERDICT_INFO[current.verdict].label}</dd>
      <dt>Current explanation</dt><dd data-testid={`${testId}-explanation`}>{current.explanation || "—"}</dd>
      <dt>Current sources</dt><dd>{current.sources.map((s) => s.title).join("; ") || "none"}</dd>
      <dt>Saved by</dt><dd>{current.updatedBy.name}, {formatDate(new Date(current.updatedAt))}</dd>
    </dl>
  );
}

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return <p id={id} className="field-error">{errors.join(" ")}</p>;
}

export default function ClaimForm({ mode, quote, initial, conflict, liveChange = null, liveDeleted = false, serverError, serverFieldErrors, busy, canDelete, onSave, onDelete, onCancel, onUseCurrent }: Props) {
  const [draft, setDraft] = useState<ClaimDraft>(initial);
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});
  const [showTheirs, setShowTheirs] = useState(false);
  // "Fill from page" (issue 18): per source, "busy" while fetching or the reason it failed.
  const [filling, setFilling] = useState<Record<string, string>>({});
  const uid = useId();
  const verdictRef = useRef<HTMLSelectElement>(null);
  const errors = { ...serverFieldErrors, ...clientErrors };

  useEffect(() => verdictRef.current?.focus(), []);

  const setSource = (key: string, patch: Partial<SourceDraft>) => setDraft((d) => ({ ...d, sources: d.sources.map((s) => (s.key === key ? { ...s, ...patch } : s)) }));
  const fillFromPage = async (key: string, url: string) => {
    setFilling((f) => ({ ...f, [key]: "busy" }));
    const res = await postJson<{ title: string | null; publisher: string | null; publishedAt: string | null }>("/api/sources/fill", { url });
    if (!res.ok) return setFilling((f) => ({ ...f, [key]: res.message }));
    setFilling((f) => ({ ...f, [key]: "" }));
    const m = res.data;
    const today = new Date().toISOString().slice(0, 10);
    setDraft((d) => ({ ...d, sources: d.sources.map((s) => (s.key === key ? { ...s, title: m.title ?? s.title, publisher: m.publisher ?? s.publisher, publishedAt: m.publishedAt ?? s.publishedAt, accessedAt: s.accessedAt || today } : s)) }));
  };

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const fields = fieldsOf(draft);
    const parsed = ZClaimFields.safeParse(fields);
    if (!parsed.success) {
      setClientErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setClientErrors({});
    onSave(fields);
  }

  const describedBy = (name: string) => (errors[name]?.length ? `${uid}-${name}-error` : undefined);

  return (
    <form className="claim-form stack" onSubmit={submit} noValidate aria-label={mode === "create" ? "New claim" : "Edit claim"} onKeyDown={(e) => { if (e.key === "Escape") { e.stopPropagation(); onCancel(); } }}>
      <h2>{mode === "create" ? "New claim" : "Edit claim"}</h2>
      <blockquote className="claim-quote">{quote}</blockquote>

      {conflict && (
        <div className="conflict" role="alert" data-testid="conflict">
          <p><strong>Not saved: </strong>{conflict.message}</p>
          <TheirVersion current={conflict.current} testId="conflict" />
          <p className="muted">Your version is still in the form below. Save again to replace theirs, or take theirs instead.</p>
          <button type="button" className="link-button" onClick={onUseCurrent}>Discard mine and use theirs</button>
        </div>
      )}
      {liveChange && (
        <div className="live-change" role="status" data-testid="live-change">
          <p><strong>{liveChange.updatedBy.name} saved this claim while you were editing.</strong> Your version is still in the form.</p>
          <button type="button" className="link-button" aria-expanded={showTheirs} onClick={() => setShowTheirs((v) => !v)}>
            {showTheirs ? "Hide their version" : "Show their version"}
          </button>
          {showTheirs && (
            <>
              <TheirVersion current={liveChange} testId="live-change" />
              <button type="button" className="link-button" onClick={onUseCurrent}>Discard mine and use theirs</button>
            </>
          )}
        </div>
      )}
      {liveDeleted && !conflict && <p className="live-change" role="status" data-testid="live-deleted">Someone deleted this claim while you were editing; saving will not bring it back.</p>}
      {serverError && !conflict && <p className="form-error" role="alert" data-testid="form-error">{serverError}</p>}

      <div className="field">
        <label htmlFor={`${uid}-verdict`}>Verdict</label>
        <select id={`${uid}-verdict`} ref={verdictRef} value={draft.verdict} onChange={(e) => setDraft({ ...draft, verdict: e.target.value as TVerdict })} aria-describedby={describedBy("verdict")}>
          {VERDICTS.map((v) => <option key={v} value={v}>{VERDICT_INFO[v].label}</option>)}
        </select>
        <FieldError id={`${uid}-verdict-error`} errors={errors.verdict} />
      </div>

      <div className="field">
        <label htmlFor={`${uid}-explanation`}>Explanation</label>
        <textarea id={`${uid}-explanation`} rows={4} value={draft.explanation} onChange={(e) => setDraft({ ...draft, explanation: e.target.value })} aria-invalid={!!errors.explanation} aria-describedby={describedBy("explanation")} />
        <FieldError id={`${uid}-explanation-error`} errors={errors.explanation} />
      </div>

      <div className="field">
        <label htmlFor={`${uid}-tags`}>Tags</label>
        <input id={`${uid}-tags`} value={draft.tags} onChange={(e) => setDraft({ ...draft, tags: e.target.value })} placeholder="casualties, syria" aria-describedby={`${uid}-tags-hint`} />
        <p id={`${uid}-tags-hint`} className="hint">Separate tags with commas.</p>
        <FieldError id={`${uid}-tags-error`} errors={errors.tags} />
      </div>

      <fieldset className="sources">
        <legend>Sources</legend>
        {draft.sources.length === 0 && <p className="muted">No sources yet.</p>}
        {draft.sources.map((s, i) => {
          const p = `sources.${i}`;
          const id = (f: string) => `${uid}-${i}-${f}`;
          const err = (f: string) => errors[`${p}.${f}`];
          const db = (f: string) => (err(f)?.length ? `${id(f)}-error` : undefined);
          return (
            <fieldset key={s.key} className="source" data-testid="source">
              <legend>Source {i + 1}</legend>
              <div className="field">
                <label htmlFor={id("url")}>Source URL</label>
                <input id={id("url")} type="url" value={s.url} onChange={(e) => setSource(s.key, { url: e.target.value })} aria-invalid={!!err("url")} aria-describedby={db("url")} />
                <FieldError id={`${id("url")}-error`} errors={err("url")} />
                <button type="button" className="link-button" onClick={() => fillFromPage(s.key, s.url)} disabled={!s.url.trim() || filling[s.key] === "busy"}>
                  {filling[s.key] === "busy" ? "Reading the page…" : "Fill from page"}
                </button>
                {filling[s.key] && filling[s.key] !== "busy" && <p className="field-error" role="alert">{filling[s.key]}</p>}
              </div>
              <div className="field">
                <label htmlFor={id("title")}>Source title</label>
                <input id={id("title")} value={s.title} onChange={(e) => setSource(s.key, { title: e.target.value })} aria-invalid={!!err("title")} aria-describedby={db("title")} />
                <FieldError id={`${id("title")}-error`} errors={err("title")} />
              </div>
              <div className="field">
                <label htmlFor={id("publisher")}>Publisher</label>
                <input id={id("publisher")} value={s.publisher} onChange={(e) => setSource(s.key, { publisher: e.target.value })} aria-describedby={db("publisher")} />
                <FieldError id={`${id("publisher")}-error`} errors={err("publisher")} />
              </div>
              <div className="field-row">
                <div className="field">
                  <label htmlFor={id("publishedAt")}>Published on</label>
                  <input id={id("publishedAt")} type="date" value={s.publishedAt} onChange={(e) => setSource(s.key, { publishedAt: e.target.value })} aria-describedby={db("publishedAt")} />
                  <FieldError id={`${id("publishedAt")}-error`} errors={err("publishedAt")} />
                </div>
                <div className="field">
                  <label htmlFor={id("accessedAt")}>Accessed on</label>
                  <input id={id("accessedAt")} type="date" value={s.accessedAt} onChange={(e) => setSource(s.key, { accessedAt: e.target.value })} aria-describedby={db("accessedAt")} />
                  <FieldError id={`${id("accessedAt")}-error`} errors={err("accessedAt")} />
                </div>
              </div>
              <div className="field">
                <label htmlFor={id("excerpt")}>Excerpt</label>
                <textarea id={id("excerpt")} rows={2} value={s.excerpt} onChange={(e) => setSource(s.key, { excerpt: e.target.value })} aria-describedby={db("excerpt")} />
                <FieldError id={`${id("excerpt")}-error`} errors={err("excerpt")} />
              </div>
              <div className="field">
                <label htmlFor={id("stance")}>Stance</label>
                <select id={id("stance")} value={s.stance} onChange={(e) => setSource(s.key, { stance: e.target.value as TStance })} aria-invalid={!!err("stance")} aria-describedby={db("stance")}>
                  <option value="">Choose…</option>
                  {STANCES.map((st) => <option key={st} value={st}>{STANCE_LABELS[st]}</option>)}
                </select>
                <FieldError id={`${id("stance")}-error`} errors={err("stance")} />
              </div>
              <button type="button" className="link-button" onClick={() => setDraft((d) => ({ ...d, sources: d.sources.filter((x) => x.key !== s.key) }))}>
                Remove source {i + 1}
              </button>
            </fieldset>
          );
        })}
        <button type="button" className="link-button" onClick={() => setDraft((d) => ({ ...d, sources: [...d.sources, emptySource()] }))}>Add source</button>
        <FieldError id={`${uid}-sources-error`} errors={errors.sources} />
      </fieldset>

      <div className="form-actions">
        <button type="submit" disabled={busy}>Save claim</button>
        <button type="button" className="link-button" onClick={onCancel}>Cancel</button>
        {mode === "edit" && canDelete && (
          <button type="button" className="danger-button" disabled={busy} onClick={onDelete}>Delete claim</button>
        )}
      </div>
    </form>
  );
}
