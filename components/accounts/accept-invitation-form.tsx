"use client";

import Link from "next/link";
import { useState } from "react";
import { ZAcceptInvitation } from "@/lib/accounts/schemas";
import { Field } from "./field";
import { NEW_PASSWORD_HINT } from "./password-hint";
import { useHydrated } from "./use-hydrated";
import { firstErrors, postJson, type FieldErrors } from "./post-json";

export default function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    setFormError(null);
    const parsed = ZAcceptInvitation.safeParse({
      token,
      newPassword: String(fd.get("newPassword") ?? ""),
      confirmNewPassword: String(fd.get("confirmNewPassword") ?? ""),
    });
    if (!parsed.success) {
      setErrors(firstErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    setPending(true);
    const res = await postJson<{ email: string }>("/api/account/invitation", parsed.data);
    setPending(false);
    if (!res.ok) {
      setErrors(firstErrors(res.fieldErrors));
      setFormError(res.message);
      return;
    }
    setDone(true);
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
      <Field id="newPassword" label="New password" type="password" autoComplete="new-password" error={errors.newPassword} hint={NEW_PASSWORD_HINT} />
      <Field id="confirmNewPassword" label="Confirm new password" type="password" autoComplete="new-password" error={errors.confirmNewPassword} />
      <div>
        <button type="submit" disabled={!hydrated || pending}>{pending ? "Setting password…" : "Set password"}</button>
      </div>
      {formError && <p className="form-error" role="alert">{formError}</p>}
    </form>
  );
}
