import { AppError } from "@/lib/errors";

export const ROLES = ["READER", "REVIEWER", "EDITOR", "ADMIN"] as const;
export type TRole = (typeof ROLES)[number];

export const ROLE_LABELS: Record<TRole, string> = {
  READER: "Reader",
  REVIEWER: "Reviewer",
  EDITOR: "Editor",
  ADMIN: "Admin",
};

/** Roles that may open the reviewer workspace. */
export const REVIEW_ROLES: readonly TRole[] = ["REVIEWER", "EDITOR", "ADMIN"];

/**
 * `passwordChangeRequired` is set while the user still signs in with a one-time password an admin
 * chose (issue 20, item 7): such a user may only change it, so every role check refuses them.
 */
export type SessionUser = { id: string; name: string; email: string; role: TRole; passwordChangeRequired?: boolean };

export const PASSWORD_CHANGE_REQUIRED = "Please change your one-time password first, on your account page (/account).";

export function hasRole(user: Pick<SessionUser, "role"> | null | undefined, roles: readonly TRole[]): boolean {
  return !!user && roles.includes(user.role);
}

/** Throws UNAUTHENTICATED without a user and FORBIDDEN for a user of another role. */
export function assertRole(user: SessionUser | null, roles: readonly TRole[]): SessionUser {
  if (!user) throw new AppError("UNAUTHENTICATED", "Please sign in first.");
  if (user.passwordChangeRequired) throw new AppError("FORBIDDEN", PASSWORD_CHANGE_REQUIRED);
  if (!roles.includes(user.role)) {
    throw new AppError("FORBIDDEN", `This needs the role ${roles.map((r) => ROLE_LABELS[r]).join(" or ")}; you are signed in as ${ROLE_LABELS[user.role]}.`);
  }
  return user;
}
