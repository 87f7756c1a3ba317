"use client";

import { useState } from "react";
import { formatDateTime } from "./format";

/** The link an admin passes on. Shown once: only its hash is stored, so it cannot be shown again. */
export function InvitationLink({ path, expiresAt, name }: { path: string; expiresAt: string; name: string }) {
  const [copied, setCopied] = useState(false);
  // Only ever rendered after a click (never on the server), so window is there.
  const url = typeof window === "undefined" ? path : `${window.location.origin}${path}`;
  return (
    <div className="stack acct-invitation-result" data-testid="invitation-result">
      <div className="field">
        <label htmlFor="invitation-link">Invitation link</label>
        <input id="invitation-link" readOnly value={url} onFocus={(e) => e.currentTarget.select()} aria-describedby="invitation-link-hint" />
        <p id="invitation-link-hint" className="muted acct-field-hint">
          Send this link to {name}. It works once and expires on {formatDateTime(expiresAt)}. It will not be shown again.
        </p>
      </div>
      <div>
        <button
          type="button"
          className="link-button"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(url);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          Copy link
        </button>
        <span role="status" className="muted">{copied ? " Copied." : ""}</span>
      </div>
    </div>
  );
}
