import Link from "next/link";
import "@/components/accounts/accounts.css";
import { getSessionUser } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { needsPasswordChange } from "@/lib/accounts/account-notice";
import SignOutButton from "./sign-out-button";

export default async function SiteHeader() {
  const user = await getSessionUser();
  const changePassword = await needsPasswordChange(user);
  return (
    <header className="site-header">
      <Link href="/" className="brand">Factmark</Link>
      <nav aria-label="Account" className="account">
        {user ? (
          <>
            {changePassword && (
              <Link href="/account" className="acct-header-notice">Please change your one-time password</Link>
            )}
            {user.role === "ADMIN" && <Link href="/admin/users">Users</Link>}
            <Link href="/account">Account</Link>
            <span data-testid="current-user">
              <span className="user-name">{user.name}</span> <span className="role-badge">{ROLE_LABELS[user.role]}</span>
            </span>
            <SignOutButton />
          </>
        ) : (
          <Link href="/login">Sign in</Link>
        )}
      </nav>
    </header>
  );
}
