"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ZChangePassword } from "@/lib/accounts/schemas";
import { Field } from "./field";
import { NewPasswordFields } from "./new-password-fields";
import { useHydrated } from "./use-hydrated";
import { useValidatedPost } from "./use-validated-post";

export default function PasswordForm() {
  const router = useRouter();
  const hydrated = useHydrated();
  const { pending, errors, formError, submit } = useValidatedPost<typeof ZChangePassword, { email: string }>(ZChangePassword, "/api/account/password");
  const [done, setDone] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const fd = new FormData(form);
    setDone(null);
    await submit(
      { currentPassword: String(fd.get("currentPassword") ?? ""), newPassword: String(fd.get("newPassword") ?? ""), confirmNewPassword: String(fd.get("confirmNewPassword") ?? "") },
      async (input, answer) => {
        // The change revoked every session of this user, this one too (tokenVersion). Signing in
        // again with the new password gives this browser a fresh session; the others stay out.
        const again = await signIn("credentials", { email: answer.email, password: input.newPassword, redirect: false });
        form.reset();
        if (!again || again.error) {
          router.push("/login?callbackUrl=%2Faccount");
          return;
        }
        setDone("Password changed. Your other sessions have been signed out.");
        router.refresh();
      },
    );
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="stack">
      <Field id="currentPassword" label="Current password" type="password" autoComplete="current-password" error={errors.currentPassword} />
      <NewPasswordFields errors={errors} />
      <div>
        <button type="submit" disabled={!hydrated || pending}>{pending ? "Changing password…" : "Change password"}</button>
      </div>
      {formError && <p className="form-error" role="alert">{formError}</p>}
      <p role="status" data-testid="password-status">{done}</p>
    </form>
  );
}
