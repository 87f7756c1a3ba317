import Link from "next/link";
import { getSessionUser } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/auth/roles";
import SignOutButton from "./sign-out-button";

export default async function SiteHeader() {
  const user = await getSessionUser();
  return (
    <header className="site-header">
      <Link href="/" className="brand">Factmark</Link>
      <nav aria-label="Account" className="account">
        {user ? (
          <>
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
