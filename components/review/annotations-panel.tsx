"use client";

import { useState } from "react";
import { postJson } from "@/lib/http/post-json";

type ReportLine = { index: number; quote: string | null; reason: string };
type Report = { create: { index: number; quote: string }[]; needsRecheck: ReportLine[]; refused: ReportLine[]; duplicates: ReportLine[]; created: number };

/** Export annotations / Import annotations on the review workspace (issue 19). */
export default function AnnotationsPanel({ slug }: { slug: string }) {
  const [text, setText] = useState("");
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const url = `/articles/${encodeURIComponent(slug)}/annotations/import`;

  async function send(confirm: boolean) {
    setError(null);
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      return setError("That is not JSON. Paste or choose a W3C annotation file (JSON-LD) or Hypothesis API JSON.");
    }
    setBusy(true);
    const res = await postJson<Report>(url, { document, confirm });
    setBusy(false);
    if (!res.ok) return setError(res.message);
    if (confirm) {
      window.location.reload();
      return;
    }
    setReport(res.data);
  }

  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.currentTarget.files?.[0];
    setReport(null);
    if (file) setText(await file.text());
  }

  const line = (l: ReportLine) => (
    <li key={l.index}>
      {l.quote ? <q>{l.quote}</q> : <span>Annotation {l.index + 1}</span>}: {l.reason}
    </li>
  );

  return (
    <details className="annotations-panel">
      <summary>Annotations</summary>
      <p>
        <a href={`/articles/${encodeURIComponent(slug)}/annotations/export`} download>Export annotations</a>
      </p>
      <div className="stack">
        <label htmlFor="import-file">Import annotations (W3C JSON-LD or Hypothesis JSON)</label>
        <input id="import-file" type="file" accept=".json,.jsonld,application/json,application/ld+json" onChange={onFile} />
        <label htmlFor="import-text">…or paste JSON</label>
        <textarea id="import-text" rows={4} value={text} onChange={(e) => { setText(e.target.value); setReport(null); }} />
        <div>
          <button type="button" onClick={() => send(false)} disabled={busy || !text.trim()}>Import annotations</button>
        </div>
        {error && <p className="field-error" role="alert">{error}</p>}
        {report && (
          <div role="status" className="stack" data-testid="import-report">
            <p>
              {report.create.length} will be created as drafts; {report.needsRecheck.length} need re-check; {report.refused.length} refused; {report.duplicates.length} already imported.
            </p>
            {report.needsRecheck.length > 0 && (<><h3>Need re-check</h3><ul>{report.needsRecheck.map(line)}</ul></>)}
            {report.refused.length > 0 && (<><h3>Refused</h3><ul>{report.refused.map(line)}</ul></>)}
            <div>
              <button type="button" onClick={() => send(true)} disabled={busy || report.create.length === 0}>Confirm import</button>
            </div>
          </div>
        )}
      </div>
    </details>
  );
}
