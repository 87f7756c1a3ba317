// The verdict scale, and the constraints of the Web Annotation Protocol server (issue 19): the
// containers' ldp:constrainedBy link points here (#annotation-constraints).
import type { Metadata } from "next";
import Link from "next/link";
import { VERDICTS, VERDICT_INFO } from "@/lib/verdicts";
import { VERDICT_MEANINGS } from "@/lib/annotations/verdict-meanings";

export const metadata: Metadata = { title: "Verdicts · Factmark" };

export default function VerdictsPage() {
  return (
    <main className="narrow">
      <h1>Verdicts</h1>
      <dl>
        {VERDICTS.map((v) => (
          <div key={v}>
            <dt><Link href={`/verdicts/${v}`}>{VERDICT_INFO[v].label}</Link></dt>
            <dd>{VERDICT_MEANINGS[v]}</dd>
          </div>
        ))}
      </dl>
      <h2 id="annotation-constraints">Constraints of the annotation containers</h2>
      <p>Each article has a Web Annotation Protocol container at <code>/articles/&lt;slug&gt;/annotations/</code>. Beyond the protocol, it accepts an annotation only when:</p>
      <ul>
        <li>its target is this article (its Factmark address, or the original address it was imported from);</li>
        <li>its target has a TextQuoteSelector or TextPositionSelector, and the selectors anchor on the article&apos;s current text unambiguously (otherwise: 422 with <code>needs-recheck</code> or <code>orphaned</code>);</li>
        <li>a classifying body names one of the verdicts above, by its label or by this site&apos;s verdict address;</li>
        <li>it is sent with a personal API token of a reviewer, editor or admin. It is stored as a draft; only an editor&apos;s approval publishes it;</li>
        <li>a replacement (PUT) keeps the same words, and names the ETag it replaces in If-Match.</li>
      </ul>
    </main>
  );
}
