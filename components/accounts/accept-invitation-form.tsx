"use client";

import Link from "next/link";
import { useState } from "react";
import { ZAcceptInvitation } from "@/lib/accounts/schemas";
import { NewPasswordFields } from "./new-password-fields";
import { useHydrated } from "./use-hydrated";
import { useValidatedPost } from "./use-validated-post";

export default function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const hydrated = useHydrated();
  const { pending, errors, formError, submit } = useValidatedPost<typeof ZAcceptInvitation, { email: string }>(ZAcceptInvitation, "/api/account/invitation");
  const [done, setDone] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const result = await submit({ token, newPassword: String(fd.get("newPassword") ?? ""), confirmNewPassword: String(fd.get("confirmNewPassword") ?? "") });
    if (result) setDone(true);
  }

  if (done) {
    return (
      <div className="acct-notice stack" role="status">
        <p>Your password is set. Sign in as {email} with your new password.</p>
        <p><Link href="/login" className="button">Continue to sign in</Link></p>
      </div>
    );
  }
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="stack">
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <NewPasswordFields errors={errors} />
      <div>
        <button type="submit" disabled={!hydrated || pending}>{pending ? "Setting password…" : "Set password"}</button>
      </div>
      {formError && <p className="form-error" role="alert">{formError}</p>}
    </form>
  );
}
