import { assertRole, type SessionUser, type TRole } from "@/lib/auth/roles";

/** Who may import, edit and restore articles, and confirm claims after a change (issue 7). */
export const ARTICLE_EDIT_ROLES: readonly TRole[] = ["EDITOR", "ADMIN"];

export function assertCanEditArticles(actor: SessionUser | null): SessionUser {
  return assertRole(actor, ARTICLE_EDIT_ROLES);
}
