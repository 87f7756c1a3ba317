// Who may receive a live event (issue 15, "Authorization is checked per event and per
// subscriber"). Pure, so the relay can run it for every subscriber of every event without a
// query; the claim rule is the workspace's own (lib/claims/access.ts canSeeClaim).
import { hasRole, REVIEW_ROLES, type SessionUser } from "@/lib/auth/roles";
import { canSeeClaim, isEditorial } from "@/lib/claims/access";
import type { LiveEvent } from "./events";

export type Subscriber = Pick<SessionUser, "id" | "role">;

export function mayReceive(user: Subscriber, event: LiveEvent): boolean {
  switch (event.type) {
    case "notification":
      return event.userId === user.id;
    case "claim":
      // A deleted claim's event carries its state before deletion: whoever saw it learns it is gone.
      return canSeeClaim(user, { authorId: event.data.authorId, state: event.data.state, deletedAt: null });
    case "presence":
    case "assignment":
    case "version":
      return hasRole(user, REVIEW_ROLES);
    default:
      return false;
  }
}

/** The event as this subscriber may see it: the queue count is for editors and admins only. */
export function shapeFor(user: Subscriber, event: LiveEvent): LiveEvent {
  if (event.type === "claim" && event.data.queueCount !== undefined && !isEditorial(user)) {
    const data = { ...event.data };
    delete data.queueCount;
    return { ...event, data };
  }
  return event;
}
