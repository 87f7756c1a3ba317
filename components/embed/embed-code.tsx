"use client";

import { useState } from "react";
import { useHydrated } from "@/components/accounts/use-hydrated";
import "./embed.css";

/** The snippet a newsroom pastes into its article template, with a copy button (issue 14). */
export default function EmbedCode({ snippet }: { snippet: string }) {
  const hydrated = useHydrated();
  const [status, setStatus] = useState<string | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(snippet);
      setStatus("Copied.");
    } catch {
      setStatus("Could not copy: select the code and copy it yourself.");
    }
  }

  return (
    <section aria-labelledby="embed-code-heading" className="stack">
      <h2 id="embed-code-heading">Embed code</h2>
      <p className="muted">Add this to the article&apos;s page on your site to show its published checks there. The site&apos;s origin must be listed on the admin&apos;s Embed page.</p>
      <pre tabIndex={0} role="region" aria-label="Embed code snippet" data-testid="embed-snippet" className="embed-snippet"><code>{snippet}</code></pre>
      <div>
        <button type="button" onClick={copy} disabled={!hydrated}>Copy embed code</button> <span role="status" className="muted">{status}</span>
      </div>
    </section>
  );
}
