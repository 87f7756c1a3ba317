import type { Metadata } from "next";
import Link from "next/link";
import MarkReadButton from "@/components/workflow/mark-read-button";
import "@/components/workflow/workflow.css";
import { formatDateTime } from "@/components/workflow/format";
import { requirePageRole } from "@/lib/auth/session";
import { ROLES } from "@/lib/auth/roles";
import { listNotifications } from "@/lib/workflow/notifications";
import LiveRefresh from "@/components/live/live-refresh";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notifications · Factmark" };

export default async function NotificationsPage() {
  const user = await requirePageRole("/notifications", ...ROLES);
  const notifications = await listNotifications(user);
  return (
    <main className="page workflow-page">
      <LiveRefresh on={{ notifications: true }} />
      <h1>Notifications</h1>
      {notifications.length === 0 ? (
        <div className="empty-state" data-testid="notifications-empty">
          <p>
            No notifications yet. You are told here when someone assigns you an article or removes you from one, and when a
            claim of yours is approved, sent back, retracted or commented on
            {user.role === "EDITOR" || user.role === "ADMIN" ? "; and when a claim is submitted for review" : ""}.
          </p>
          <p>
            {user.role === "EDITOR" || user.role === "ADMIN" ? <><Link href="/review/queue">Open the review queue</Link> or </> : null}
            <Link href="/">go to the articles</Link>.
          </p>
        </div>
      ) : (
        <>
          {notifications.some((n) => !n.read) && <MarkReadButton />}
          <ol className="comment-list">
            {notifications.map((n) => (
              <li key={n.id} data-testid="notification" className={n.read ? undefined : "unread"}>
                <p className="comment-body">{n.message}</p>
                <p className="muted">
                  <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
                  {n.claimId && <> · <Link href={`/review/claims/${n.claimId}`}>Open the claim</Link></>}
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </main>
  );
}
