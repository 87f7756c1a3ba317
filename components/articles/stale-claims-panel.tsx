"use client";

import { useState } from "react";
import { postJson } from "@/lib/http/post-json";
import type { StaleClaim } from "@/lib/articles/stale-claims";

type Props = {
  slug: string;
  claims: StaleClaim[];
  onChanged(): void;
  /** For re-attaching: the words selected in the article, or a reason why there is no usable selection. */
  getSelection(): { articleVersionId: string; start: number; end: number } | string;
};

/**
 * Claims the last versions left for an editor (issue 7): changed words to confirm or send back, and
 * claims that could not be placed, to re-attach on words selected in the editor above.
 */
export default function StaleClaimsPanel({ slug, claims, onChanged, getSelection }: Props) {
  const [message, setMessage] = useState<string | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (id: string, body: unknown, done: string) => {
    setBusy(id);
    const res = await postJson(`/api/articles/${slug}/versions/stale-claims/${id}`, body);
    setBusy(null);
    setMessage(res.ok ? done : res.message);
    if (res.ok) onChanged();
  };

  return (
    <section aria-label="Claims to look at" id="stale-claims">
      <h2>Claims to look at after the change</h2>
      <p role="status" className="notice">{message}</p>
      {claims.length === 0 ? (
        <p className="muted">No claim is waiting: every claim follows its words.</p>
      ) : (
        <ol className="stale-list">
          {claims.map((c) => (
            <li key={c.id} id={`stale-${c.id}`} className="stale-item" data-testid="stale-claim" data-claim-id={c.id} data-stale={c.stale}>
              {c.stale === "CHANGED" ? (
                <>
                  <strong>Changed{c.published ? " · published: readers see “The article changed here after this check”" : ""}</strong>
                  <p className="hint">Checked words</p>
                  <blockquote className="claim-quote"><del>{c.oldQuote}</del></blockquote>
                  <p className="hint">Words now</p>
                  <blockquote className="claim-quote"><ins>{c.newQuote}</ins></blockquote>
                  <div className="form-actions">
                    <button type="button" disabled={busy === c.id} onClick={() => act(c.id, { action: "confirm", version: c.version }, "Confirmed: the check stands for the new words.")}>Confirm</button>
                  </div>
                </>
              ) : (
                <>
                  <strong>Needs re-check: these words could not be found in the new version</strong>
                  <blockquote className="claim-quote">{c.oldQuote}</blockquote>
                  <div className="form-actions">
                    <button
                      type="button"
                      className="link-button"
                      disabled={busy === c.id}
                      onClick={() => {
                        const sel = getSelection();
                        if (typeof sel === "string") return setMessage(sel);
                        act(c.id, { action: "reattach", version: c.version, ...sel }, "Re-attached to the selected words.");
                      }}
                    >
                      Re-attach to selected words
                    </button>
                  </div>
                </>
              )}
              <div className="field">
                <label htmlFor={`reason-${c.id}`}>Reason for sending back</label>
                <input id={`reason-${c.id}`} value={reasons[c.id] ?? ""} onChange={(e) => setReasons({ ...reasons, [c.id]: e.target.value })} />
              </div>
              <div className="form-actions">
                <button type="button" className="link-button" disabled={busy === c.id} onClick={() => act(c.id, { action: "send-back", version: c.version, reason: reasons[c.id] ?? "" }, "Sent back to the reviewer.")}>Send back</button>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
