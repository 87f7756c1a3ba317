"use client";

import { useState } from "react";
import { postJson } from "@/lib/http/post-json";

type Props = { slug: string; title: string; people: { id: string; name: string; role: string }[]; assigned: string[] };

/** An editor picks who checks one article. */
export default function AssignmentForm({ slug, title, people, assigned }: Props) {
  const [chosen, setChosen] = useState<string[]>(assigned);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const result = await postJson(`/api/articles/${encodeURIComponent(slug)}/assignments`, { reviewerIds: chosen }, "PUT");
    setBusy(false);
    setStatus(result.ok ? "Assignments saved." : result.message);
  }

  return (
    <form onSubmit={save} className="stack" aria-label={`Assign ${title}`}>
      <fieldset>
        <legend>{title}</legend>
        {people.map((p) => (
          <label key={p.id} className="checkbox">
            <input type="checkbox" checked={chosen.includes(p.id)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, p.id] : c.filter((x) => x !== p.id)))} /> {p.name}
          </label>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="submit" disabled={busy}>Save assignments</button>
        <span role="status" className="muted">{status}</span>
      </div>
    </form>
  );
}
