// The kinds of email Factmark sends to users who want them (issue 18). Client-safe.
export const EMAIL_KINDS = ["PASSWORD_CHANGED", "ASSIGNED", "SENT_BACK", "APPROVED", "DIGEST"] as const;
export type TEmailKind = (typeof EMAIL_KINDS)[number];

export const EMAIL_KIND_LABELS: Record<TEmailKind, string> = {
  PASSWORD_CHANGED: "My password was changed",
  ASSIGNED: "An article was assigned to me",
  SENT_BACK: "My claim was sent back to me",
  APPROVED: "My claim was approved",
  DIGEST: "Daily digest of the review queue (editors)",
};

/** In-app notification types (lib/workflow/notify.ts) that also go out by email, and as which kind. */
export const NOTIFICATION_EMAIL_KIND: Record<string, TEmailKind | undefined> = {
  ASSIGNED: "ASSIGNED",
  CHANGES_REQUESTED: "SENT_BACK",
  APPROVED: "APPROVED",
};

export const isEmailKind = (v: unknown): v is TEmailKind => typeof v === "string" && (EMAIL_KINDS as readonly string[]).includes(v);
