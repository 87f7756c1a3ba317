import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { readInvitation } from "@/lib/accounts/accept-invitation";
import { formatDateTime } from "@/components/accounts/format";
import AcceptInvitationForm from "@/components/accounts/accept-invitation-form";

export const dynamic = "force-dynamic";
// The token is in the address: keep it out of the Referer header of any link followed from here.
export const metadata: Metadata = { title: "Set your password · Factmark", referrer: "no-referrer", robots: { index: false } };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await readInvitation(token);
  // A token that never existed is a 404; used, expired and replaced links got their 410 in proxy.ts.
  if (invitation.status === "invalid") notFound();
  if (invitation.status !== "valid") {
    return (
      <main className="narrow">
        <h1>Invitation link not usable</h1>
        <p role="alert" data-testid="invitation-error">{invitation.message}</p>
        <p><Link href="/login">Go to sign in</Link></p>
      </main>
    );
  }
  return (
    <main className="narrow">
      <h1>Set your password</h1>
      <p>
        Welcome, {invitation.name}. Choose a password for <strong>{invitation.email}</strong>. This link works once, until{" "}
        {formatDateTime(invitation.expiresAt)}.
      </p>
      <AcceptInvitationForm token={token} email={invitation.email} />
    </main>
  );
}
