"use client";

import { useState } from "react";
import { EMAIL_KIND_LABELS, EMAIL_KINDS, type TEmailKind } from "@/lib/email/kinds";
import { postJson } from "@/lib/http/post-json";

/** /account → Email notifications (issue 18): one checkbox per kind. */
export default function EmailPreferencesForm({ kinds, showDigest }: { kinds: TEmailKind[]; showDigest: boolean }) {
  const [on, setOn] = useState<Set<TEmailKind>>(new Set(kinds));
  const [status, setStatus] = useState<string | null>(null);
  const shown = EMAIL_KINDS.filter((k) => k !== "DIGEST" || showDigest);
  const save = async () => {
    setStatus(null);
    const res = await postJson<{ kinds: TEmailKind[] }>("/api/account/email", { kinds: [...on] });
    setStatus(res.ok ? "Saved." : res.message);
  };
  return (
    <form aria-label="Email notifications" onSubmit={(e) => { e.preventDefault(); void save(); }} className="stack">
      {shown.map((k) => (
        <label key={k}>
          <input type="checkbox" checked={on.has(k)} onChange={(e) => setOn((cur) => { const next = new Set(cur); if (e.target.checked) next.add(k); else next.delete(k); return next; })} /> {EMAIL_KIND_LABELS[k]}
        </label>
      ))}
      <div><button type="submit">Save email notifications</button></div>
      <p role="status">{status}</p>
    </form>
  );
}
