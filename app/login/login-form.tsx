"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { BAD_CREDENTIALS, ZCredentials } from "@/lib/auth/credentials";

type FieldErrors = { email?: string; password?: string };

export default function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const form = new FormData(e.currentTarget);
    const parsed = ZCredentials.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) {
      const next: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof FieldErrors;
        next[field] ??= issue.message;
      }
      setFieldErrors(next);
      return;
    }
    setFieldErrors({});
    setPending(true);
    try {
      const res = await signIn("credentials", { ...parsed.data, redirect: false, callbackUrl });
      if (!res || res.error) {
        setError(!res || res.error === "CredentialsSignin" ? BAD_CREDENTIALS : res.error);
        return;
      }
      // A full navigation, so server components render with the new session cookie.
      window.location.assign(callbackUrl);
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="stack">
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" aria-invalid={!!fieldErrors.email} aria-describedby={fieldErrors.email ? "email-error" : undefined} />
        {fieldErrors.email && <p id="email-error" className="field-error">{fieldErrors.email}</p>}
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" aria-invalid={!!fieldErrors.password} aria-describedby={fieldErrors.password ? "password-error" : undefined} />
        {fieldErrors.password && <p id="password-error" className="field-error">{fieldErrors.password}</p>}
      </div>
      <button type="submit" disabled={pending}>{pending ? "Signing in…" : "Sign in"}</button>
      {error && <p className="form-error" role="alert" data-testid="login-error">{error}</p>}
    </form>
  );
}
