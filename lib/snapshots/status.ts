// Is a cited page still what the reviewer saw? (issue 18). Pure: snapshot rows of one URL in, the
// archived copy and a warning out.
export type SnapshotRow = { id: string; fetchedAt: Date; checkedAt: Date; status: number | null; textSha256: string | null; sha256: string | null; error: string | null };

export type SourceWarning = "CHANGED" | "GONE";
export type SourceArchive = { id: string; fetchedAt: string; warning: SourceWarning | null };

export const WARNING_TEXT: Record<SourceWarning, string> = {
  CHANGED: "The page changed after this check",
  GONE: "The page is gone; see the archived copy",
};

const ok = (r: SnapshotRow) => r.error === null && r.status !== null && r.status >= 200 && r.status < 300;
const goneStatus = (r: SnapshotRow) => r.error === null && (r.status === 404 || r.status === 410);

/**
 * The archived copy is the first successful snapshot (the page as it was when first cited). The
 * latest answer decides the warning: 404/410 is gone; a successful fetch whose readable text (or,
 * for a PDF, bytes) differs from the archived copy's is changed. Network errors and refusals say
 * nothing either way: a site that is down for an hour is not "gone".
 */
export function archiveStatus(rows: SnapshotRow[]): SourceArchive | null {
  const sorted = [...rows].sort((a, b) => a.fetchedAt.getTime() - b.fetchedAt.getTime());
  const archived = sorted.find(ok);
  if (!archived) return null;
  const latest = sorted.filter((r) => ok(r) || goneStatus(r)).pop()!;
  let warning: SourceWarning | null = null;
  if (goneStatus(latest)) warning = "GONE";
  else if (latest !== archived && (archived.textSha256 ?? archived.sha256) !== (latest.textSha256 ?? latest.sha256)) warning = "CHANGED";
  return { id: archived.id, fetchedAt: archived.fetchedAt.toISOString(), warning };
}

export const archiveHref = (id: string) => `/archive/${encodeURIComponent(id)}`;

export const archivedOn = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
