import type { SourceDto } from "@/lib/claims/claim-dto";
import { STANCE_LABELS } from "@/lib/verdicts";
import SourceArchiveNote from "./source-archive";

/** A claim's sources as reviewers and editors see them: link, publisher, stance and excerpt. */
export default function SourceList({ sources }: { sources: SourceDto[] }) {
  return (
    <ul className="source-list">
      {sources.map((s) => (
        <li key={s.id}>
          <a href={s.url} target="_blank" rel="noopener noreferrer nofollow">{s.title}</a>
          {s.publisher && <> — {s.publisher}</>} <span className="muted">({STANCE_LABELS[s.stance]})</span>
          <SourceArchiveNote archive={s.archive} />
          {s.excerpt && <blockquote>{s.excerpt}</blockquote>}
        </li>
      ))}
    </ul>
  );
}
