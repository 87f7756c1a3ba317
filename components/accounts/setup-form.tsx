"use client";

import Link from "next/link";
import { useState } from "react";
import { ZSetupAdmin } from "@/lib/accounts/setup-schema";
import { Field } from "./field";
import { NEW_PASSWORD_HINT } from "./password-hint";
import { useHydrated } from "./use-hydrated";
import { useValidatedPost } from "./use-validated-post";

export default function SetupForm() {
  const hydrated = useHydrated();
  const { pending, errors, formError, submit } = useValidatedPost<typeof ZSetupAdmin, { email: string }>(ZSetupAdmin, "/api/setup");
  const [createdEmail, setCreatedEmail] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const field = (name: string) => String(fd.get(name) ?? "");
    const result = await submit({ code: field("code"), name: field("name"), email: field("email"), password: field("password") });
    if (result) setCreatedEmail(result.answer.email);
  }

  if (createdEmail) {
    return (
      <div className="acct-notice stack" role="status">
        <p>The admin account {createdEmail} is ready. Sign in with it to invite your team.</p>
        <p><Link href="/login" className="button">Continue to sign in</Link></p>
      </div>
    );
  }
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="stack">
      <Field id="code" label="Setup code" autoComplete="off" spellCheck={false} error={errors.code} />
      <Field id="name" label="Name" autoComplete="name" error={errors.name} />
      <Field id="email" label="Email" type="email" autoComplete="username" error={errors.email} />
      <Field id="password" label="Password" type="password" autoComplete="new-password" error={errors.password} hint={NEW_PASSWORD_HINT} />
      <div>
        <button type="submit" disabled={!hydrated || pending}>{pending ? "Creating admin…" : "Create admin"}</button>
      </div>
      {formError && <p className="form-error" role="alert">{formError}</p>}
    </form>
  );
}
