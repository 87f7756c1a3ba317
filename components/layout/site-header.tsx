import Link from "next/link";
import "@/components/accounts/accounts.css";
import "./small-screens.css";
import { getSessionUser } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { needsPasswordChange } from "@/lib/accounts/account-notice";
import { countReviewQueue } from "@/lib/workflow/list-queue";
import { countUnreadNotifications } from "@/lib/workflow/notifications";
import HeaderMenu from "./header-menu";
import SignOutButton from "./sign-out-button";
import LiveCount from "@/components/live/live-count";
import LiveStatus from "@/components/live/live-status";

export default async function SiteHeader() {
  const user = await getSessionUser();
  const [changePassword, queueCount, unread] = await Promise.all([needsPasswordChange(user), countReviewQueue(user), countUnreadNotifications(user)]);
  return (
    <header className="site-header">
      <Link href="/" className="brand">Factmark</Link>
      {user ? (
        <HeaderMenu>
            {changePassword && (
              <Link href="/account" className="acct-header-notice">Please change your one-time password</Link>
            )}
            {queueCount !== null && (
              <Link href="/review/queue" data-testid="queue-link">
                Review queue <LiveCount kind="queue" initial={queueCount} testId="queue-count" />
              </Link>
            )}
            {(user.role === "EDITOR" || user.role === "ADMIN") && <Link href="/dashboard">Dashboard</Link>}
            <Link href="/notifications" data-testid="notifications-link">
              Notifications<LiveCount kind="unread" initial={unread} testId="unread-count" />
            </Link>
            {user.role === "ADMIN" && <Link href="/admin/users">Users</Link>}
            <Link href="/account">Account</Link>
            <span data-testid="current-user">
              <span className="user-name">{user.name}</span> <span className="role-badge">{ROLE_LABELS[user.role]}</span>
            </span>
            <SignOutButton />
            <LiveStatus />
        </HeaderMenu>
      ) : (
        <nav aria-label="Account" className="account">
          <Link href="/login">Sign in</Link>
        </nav>
      )}
    </header>
  );
}
