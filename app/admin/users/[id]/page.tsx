import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requirePageRole } from "@/lib/auth/session";
import { getUserForAdmin } from "@/lib/accounts/get-user";
import { isAppError } from "@/lib/errors";
import AccountEvents from "@/components/accounts/account-events";
import { formatDateTime } from "@/components/accounts/format";
import InvitationButton from "@/components/accounts/invitation-button";
import RenameForm from "@/components/accounts/rename-form";
import RoleForm from "@/components/accounts/role-form";
import UserActiveButton from "@/components/accounts/user-active-button";
import { ApiTokenList } from "@/components/accounts/api-tokens";
import { listApiTokens } from "@/lib/api-tokens/api-tokens";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "User · Factmark" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageRole(`/admin/users/${encodeURIComponent(id)}`, "ADMIN");
  const user = await getUserForAdmin(actor, id).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <main className="page">
      <p><Link href="/admin/users">← All users</Link></p>
      <h1>{user.name}</h1>
      <dl className="acct-facts">
        <dt>Email</dt><dd>{user.email}</dd>
        <dt>Role</dt><dd>{ROLE_LABELS[user.role]}</dd>
        <dt>Status</dt>
        <dd data-testid="user-status">
          {user.active ? "Active" : "Deactivated"}
          {user.active && user.invitation && <span className="muted"> · invitation link open until {formatDateTime(user.invitation.expiresAt)}</span>}
          {user.active && user.mustChangePassword && <span className="muted"> · still has the one-time password</span>}
        </dd>
        <dt>Last sign-in</dt><dd>{user.lastSignInAt ? formatDateTime(user.lastSignInAt) : "Never"}</dd>
        <dt>Claims</dt><dd>{user.claimCount}</dd>
        <dt>Created</dt><dd>{formatDateTime(user.createdAt)}</dd>
      </dl>

      <section aria-labelledby="access-heading" className="stack">
        <h2 id="access-heading">Access</h2>
        <RenameForm key={`name-${user.name}`} userId={user.id} name={user.name} />
        <RoleForm key={user.role} userId={user.id} role={user.role} />
        <div>
          <UserActiveButton userId={user.id} active={user.active} name={user.name} />
          <p className="muted acct-field-hint">
            {user.active
              ? "A deactivated user cannot sign in and is signed out on their next request. Their claims and history stay."
              : "Reactivating lets the user sign in again with their password; old sessions stay signed out."}
          </p>
        </div>
        {user.active && (
          <div>
            <h3>Password</h3>
            <p className="muted">A new invitation link lets {user.name} set a new password. Any older link stops working.</p>
            <InvitationButton userId={user.id} name={user.name} />
          </div>
        )}
      </section>

      <section aria-labelledby="tokens-heading" className="stack">
        <h2 id="tokens-heading">API tokens</h2>
        <ApiTokenList tokens={await listApiTokens(actor, id)} />
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">Account history</h2>
        <AccountEvents events={user.events} />
      </section>
    </main>
  );
}
