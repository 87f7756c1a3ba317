"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ZChangePassword } from "@/lib/accounts/schemas";
import { Field } from "./field";
import { NEW_PASSWORD_HINT } from "./password-hint";
import { useHydrated } from "./use-hydrated";
import { firstErrors, postJson, type FieldErrors } from "./post-json";

export default function PasswordForm() {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const fd = new FormData(form);
    setFormError(null);
    setDone(null);
    const parsed = ZChangePassword.safeParse({
      currentPassword: String(fd.get("currentPassword") ?? ""),
      newPassword: String(fd.get("newPassword") ?? ""),
      confirmNewPassword: String(fd.get("confirmNewPassword") ?? ""),
    });
    if (!parsed.success) {
      setErrors(firstErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    setPending(true);
    try {
      const res = await postJson<{ email: string }>("/api/account/password", parsed.data);
      if (!res.ok) {
        setErrors(firstErrors(res.fieldErrors));
        setFormError(res.message);
        return;
      }
      // The change revoked every session of this user, this one too (tokenVersion). Signing in
      // again with the new password gives this browser a fresh session; the others stay out.
      const again = await signIn("credentials", { email: res.data.email, password: parsed.data.newPassword, redirect: false });
      form.reset();
      if (!again || again.error) {
        router.push("/login?callbackUrl=%2Faccount");
        return;
      }
      setDone("Password changed. Your other sessions have been signed out.");
      router.refresh();
    } finally {
      setPending(false);
    }
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="stack">
      <Field id="currentPassword" label="Current password" type="password" autoComplete="current-password" error={errors.currentPassword} />
      <Field id="newPassword" label="New password" type="password" autoComplete="new-password" error={errors.newPassword} hint={NEW_PASSWORD_HINT} />
      <Field id="confirmNewPassword" label="Confirm new password" type="password" autoComplete="new-password" error={errors.confirmNewPassword} />
      <div>
        <button type="submit" disabled={!hydrated || pending}>{pending ? "Changing password…" : "Change password"}</button>
      </div>
      {formError && <p className="form-error" role="alert">{formError}</p>}
      <p role="status" data-testid="password-status">{done}</p>
    </form>
  );
}
