import Link from "next/link";
import { INVITATION_INVALID } from "@/lib/accounts/accept-invitation";

// A token that matches no invitation answers 404 (issue 20, item 7), but still with a page that
// says what to do next.
export default function InvitationNotFound() {
  return (
    <main className="narrow">
      <h1>Invitation link not usable</h1>
      <p role="alert" data-testid="invitation-error">{INVITATION_INVALID}</p>
      <p><Link href="/login">Go to sign in</Link></p>
    </main>
  );
}
