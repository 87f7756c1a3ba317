"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { postJson } from "@/lib/http/post-json";

export default function CommentForm({ claimId }: { claimId: string }) {
  const router = useRouter();
  const uid = useId();
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!body.trim()) {
      setError("Write a comment first.");
      return;
    }
    setBusy(true);
    const result = await postJson(`/api/claims/${encodeURIComponent(claimId)}/comments`, { body });
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(null);
    setBody("");
    router.refresh();
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${uid}-comment`}>Comment</label>
        <textarea id={`${uid}-comment`} rows={3} value={body} onChange={(e) => setBody(e.target.value)} aria-invalid={!!error} aria-describedby={error ? `${uid}-comment-error` : undefined} />
        {error && <p id={`${uid}-comment-error`} className="field-error">{error}</p>}
      </div>
      <div className="form-actions"><button type="submit" disabled={busy}>Post comment</button></div>
    </form>
  );
}
