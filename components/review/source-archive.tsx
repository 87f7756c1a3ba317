import { archiveHref, archivedOn, WARNING_TEXT, type SourceArchive } from "@/lib/snapshots/status";

/** "Archived copy" link and the change/gone warning for one source (issue 18). */
export default function SourceArchiveNote({ archive }: { archive: SourceArchive | null | undefined }) {
  if (!archive) return null;
  return (
    <span className="source-archive">
      {" · "}
      <a href={archiveHref(archive.id)} title={`Factmark's copy of the page, taken ${archivedOn(archive.fetchedAt)}`}>Archived copy</a>
      {archive.warning && <strong className="source-warning" role="note"> {WARNING_TEXT[archive.warning]}</strong>}
    </span>
  );
}
