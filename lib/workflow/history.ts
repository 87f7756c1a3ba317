// Field-level diffs for the claim's history timeline (issue 5). Pure and client-safe: it reads the
// before/after JSON that ClaimEvent keeps and says, in words, what changed.
import { STANCE_LABELS, VERDICT_INFO, type TStance, type TVerdict } from "@/lib/verdicts";
import type { TReviewState } from "@/lib/claims/claim-dto";
import { STATE_LABELS } from "./state-machine";

export type FieldChange = { field: string; label: string; from: string | null; to: string | null };

type SourceSnap = { url?: string; title?: string; publisher?: string | null; stance?: TStance; excerpt?: string | null; publishedAt?: string | null; accessedAt?: string | null };
type Snap = Record<string, unknown>;

const LABELS: Record<string, string> = {
  quote: "Claim",
  verdict: "Verdict",
  explanation: "Explanation",
  tags: "Tags",
  state: "State",
  reason: "Reason",
  comment: "Comment",
  note: "Note",
  basedOn: "Based on the published check",
};

function show(field: string, v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (field === "verdict") return VERDICT_INFO[v as TVerdict]?.label ?? String(v);
  if (field === "state") return STATE_LABELS[v as TReviewState] ?? String(v);
  if (field === "tags") return (v as string[]).join(", ") || null;
  return String(v) || null;
}

export function describeSource(s: SourceSnap): string {
  const parts = [s.title, s.publisher, s.stance ? STANCE_LABELS[s.stance] : null, s.url].filter(Boolean);
  return parts.join(" · ");
}

const asObject = (v: unknown): Snap => (v && typeof v === "object" && !Array.isArray(v) ? (v as Snap) : {});

/** The changed fields between two snapshots, in a fixed order; sources are compared one by one. */
export function diffSnapshots(before: unknown, after: unknown): FieldChange[] {
  const b = asObject(before);
  const a = asObject(after);
  const changes: FieldChange[] = [];
  for (const field of Object.keys(LABELS)) {
    const from = show(field, b[field]);
    const to = show(field, a[field]);
    if (from !== to) changes.push({ field, label: LABELS[field], from, to });
  }
  if ("sources" in a || "sources" in b) {
    const list = (v: unknown) => (Array.isArray(v) ? (v as SourceSnap[]) : []);
    const bs = list(b.sources).map((s) => JSON.stringify(s));
    const as = list(a.sources).map((s) => JSON.stringify(s));
    for (const s of bs.filter((x) => !as.includes(x))) changes.push({ field: "sources", label: "Source removed", from: describeSource(JSON.parse(s)), to: null });
    for (const s of as.filter((x) => !bs.includes(x))) changes.push({ field: "sources", label: "Source added", from: null, to: describeSource(JSON.parse(s)) });
  }
  return changes;
}

export const EVENT_LABELS: Record<string, string> = {
  CREATED: "created the claim",
  UPDATED: "edited the claim",
  DELETED: "deleted the claim",
  SUBMITTED: "submitted it for review",
  APPROVED: "approved it",
  CHANGES_REQUESTED: "requested changes",
  RETRACTED: "retracted it",
  REATTACHED: "re-attached it to new words",
  COMMENTED: "commented",
};
