import { ROLE_LABELS, ROLES, type TRole } from "@/lib/auth/roles";
import type { AccountEventRow } from "@/lib/accounts/get-user";
import { formatDateTime } from "./format";

const roleLabel = (r: unknown) => (ROLES.includes(r as TRole) ? ROLE_LABELS[r as TRole] : String(r));

function describe(e: AccountEventRow): string {
  const d = (e.details ?? {}) as Record<string, unknown>;
  switch (e.type) {
    case "CREATED":
      return `Account created as ${roleLabel(d.role)}, ${d.method === "invitation" ? "with an invitation link" : "with a one-time password"}`;
    case "INVITATION_CREATED":
      return typeof d.expiresAt === "string" ? `Invitation link created (expires ${formatDateTime(d.expiresAt)})` : "Invitation link created";
    case "INVITATION_USED":
      return "Invitation link used: password set";
    case "ROLE_CHANGED":
      return `Role changed from ${roleLabel(d.from)} to ${roleLabel(d.to)}`;
    case "DEACTIVATED":
      return "Account deactivated";
    case "REACTIVATED":
      return "Account reactivated";
    case "NAME_CHANGED":
      return `Name changed from “${String(d.from)}” to “${String(d.to)}”`;
    case "PASSWORD_CHANGED":
      return "Password changed; other sessions signed out";
    case "API_TOKEN_CREATED":
      return `API token “${String(d.name)}” (${String(d.prefix)}…) created`;
    case "API_TOKEN_REVOKED":
      return `API token “${String(d.name)}” (${String(d.prefix)}…) revoked`;
    case "API_TOKEN_USED_FROM_NEW_ADDRESS":
      return `API token “${String(d.name)}” (${String(d.prefix)}…) used from a new address, ${String(d.address)}`;
  }
}

/** The audit trail of one account, newest first. */
export default function AccountEvents({ events }: { events: AccountEventRow[] }) {
  if (events.length === 0) return <p className="muted">No account changes recorded yet.</p>;
  return (
    <table className="acct-table" data-testid="account-events">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id}>
            <td><time dateTime={new Date(e.createdAt).toISOString()}>{formatDateTime(e.createdAt)}</time></td>
            <td>{e.actor.name} <span className="muted">({e.actor.email})</span></td>
            <td>{describe(e)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
