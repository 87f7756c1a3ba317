import type { Metadata } from "next";
import Link from "next/link";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requirePageRole } from "@/lib/auth/session";
import { listUsers } from "@/lib/accounts/list-users";
import { ZUserQuery, type TUserQuery } from "@/lib/accounts/schemas";
import { firstParam } from "@/lib/validation/text";
import { formatDateTime } from "@/components/accounts/format";
import NewUserPanel from "@/components/accounts/new-user-panel";
import { RoleOptions } from "@/components/accounts/role-options";
import UserActiveButton from "@/components/accounts/user-active-button";
import { emailEnabled } from "@/lib/email/settings";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Users · Factmark" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageRole("/admin/users", "ADMIN");
  const raw = await searchParams;
  const parsed = ZUserQuery.safeParse({ q: firstParam(raw.q), role: firstParam(raw.role) });
  // A search that cannot be run is shown with its reason, and no filter, rather than an error page.
  const query: TUserQuery = parsed.success ? parsed.data : {};
  const queryError = parsed.success ? null : parsed.error.issues[0].message;
  const users = await listUsers(actor, query);
  const filtered = !!(query.q || query.role);
  return (
    <main className="page">
      <h1>Users</h1>
      <p className="muted">
        Which publisher sites may show the approved checks: <Link href="/admin/embed">Embed settings</Link>.
      </p>
      {/* Issue 18: invitation links are emailed only when SMTP_URL is set. */}
      <p className="muted" role="note" data-testid="email-status">
        {emailEnabled() ? "Email is on: invitation links are also emailed to the person." : "Email is off (SMTP_URL is not set): copy each invitation link and pass it on yourself."}
      </p>
      <NewUserPanel />

      {/* Labels here avoid the words Name, Email and Role, which name the new-user fields. */}
      <form method="get" action="/admin/users" role="search" className="acct-filters">
        <div className="field">
          <label htmlFor="q">Search</label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ""} placeholder="Part of a name or address" />
        </div>
        <div className="field">
          <label htmlFor="filter">Show</label>
          <select id="filter" name="role" defaultValue={query.role ?? ""}>
            <option value="">Everyone</option>
            <RoleOptions />
          </select>
        </div>
        <div className="acct-actions">
          <button type="submit" className="acct-secondary">Apply</button>
          {filtered && <Link href="/admin/users">Clear</Link>}
        </div>
      </form>
      {queryError && <p className="form-error" role="alert">{queryError}</p>}

      {users.length === 0 ? (
        <div className="empty-state" data-testid="users-empty">
          {filtered ? (
            <p>No user matches this search. Check the spelling, or search for part of the name or address. <Link href="/admin/users">Show all users</Link></p>
          ) : (
            <p>No users yet. Use <strong>New user</strong> above to invite a colleague with a link or a one-time password.</p>
          )}
        </div>
      ) : (
        <table className="acct-table" data-testid="users-table">
          <caption className="muted">{users.length === 1 ? "1 user" : `${users.length} users`}{filtered ? " match" : ""}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Last sign-in</th>
              <th scope="col" className="acct-num">Claims</th>
              <th scope="col"><span className="acct-sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-testid="user-row">
                <th scope="row"><Link href={`/admin/users/${u.id}`}>{u.name}</Link></th>
                <td>{u.email}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>
                  {u.active ? "Active" : "Deactivated"}
                  {u.active && u.invitationPending && <span className="muted"> · invitation pending</span>}
                </td>
                <td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt) : <span className="muted">Never</span>}</td>
                <td className="acct-num">{u.claimCount}</td>
                <td><UserActiveButton userId={u.id} active={u.active} name={u.name} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
