"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useHydrated } from "@/components/accounts/use-hydrated";
import { useValidatedPost } from "@/components/accounts/use-validated-post";
import { originsFromText, ZEmbedSettings } from "@/lib/embed/schemas";

/** The admin's list of publisher origins that may show checks with /embed.js (issue 14). */
export default function AllowedOriginsForm({ origins }: { origins: string[] }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const { pending, errors, formError, submit } = useValidatedPost<typeof ZEmbedSettings, { allowedOrigins: string[] }>(ZEmbedSettings, "/api/admin/embed");
  const [text, setText] = useState(origins.join("\n"));
  const [saved, setSaved] = useState<string | null>(null);
  const error = errors.allowedOrigins ?? errors.form ?? formError;

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(null);
    const result = await submit({ allowedOrigins: originsFromText(text) });
    if (!result) return;
    const list = result.answer.allowedOrigins;
    setText(list.join("\n"));
    setSaved(list.length ? `Saved: ${list.length} ${list.length === 1 ? "origin" : "origins"} may show checks.` : "Saved: no site may show checks.");
    router.refresh();
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="stack">
      <div className="field">
        <label htmlFor="allowed-origins">Allowed origins</label>
        <textarea
          id="allowed-origins"
          name="allowedOrigins"
          rows={6}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={`allowed-origins-hint${error ? " allowed-origins-error" : ""}`}
          aria-invalid={!!error}
          disabled={!hydrated}
          spellCheck={false}
        />
        <p id="allowed-origins-hint" className="muted">One per line, as a browser names a site: scheme, host and port, e.g. https://news.example.org. Only pages on these origins can load the published checks.</p>
        {error && <p id="allowed-origins-error" className="field-error" role="alert">{error}</p>}
      </div>
      <div>
        <button type="submit" disabled={!hydrated || pending}>Save</button> <span role="status" className="muted">{saved}</span>
      </div>
    </form>
  );
}
