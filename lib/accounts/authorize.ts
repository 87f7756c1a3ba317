import { assertRole, ROLES, type SessionUser } from "@/lib/auth/roles";

// Every account service calls one of these first, so a route that forgets its own check still
// cannot reach an admin action. Routes call them too, before reading the body, so a caller of the
// wrong role gets 403 whatever they send.

export function assertAdmin(actor: SessionUser | null): SessionUser {
  return assertRole(actor, ["ADMIN"]);
}

export function assertSignedIn(actor: SessionUser | null): SessionUser {
  return assertRole(actor, ROLES);
}

/**
 * Reading one's own account and changing one's password are the only things a user who still has
 * a one-time password may do (issue 20, item 7); everything else goes through assertRole, which refuses.
 */
export function assertSignedInToChangePassword(actor: SessionUser | null): SessionUser {
  if (!actor) return assertRole(actor, ROLES);
  return assertRole({ ...actor, passwordChangeRequired: undefined }, ROLES);
}
