"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ZUpdateProfile } from "@/lib/accounts/schemas";
import { Field } from "./field";
import { useHydrated } from "./use-hydrated";
import { useValidatedPost } from "./use-validated-post";

/** An admin's form to correct another user's display name. */
export default function RenameForm({ userId, name }: { userId: string; name: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const { pending, errors, formError, submit } = useValidatedPost<typeof ZUpdateProfile, { user: { name: string } }>(
    ZUpdateProfile,
    `/api/admin/users/${encodeURIComponent(userId)}/name`,
  );
  const [saved, setSaved] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(null);
    const result = await submit({ name: String(new FormData(e.currentTarget).get("name") ?? "") });
    if (!result) return;
    setSaved(`Name is now ${result.answer.user.name}.`);
    router.refresh();
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="stack acct-compact">
      <Field id="name" label="Display name" defaultValue={name} autoComplete="off" error={errors.name} disabled={!hydrated} />
      <div>
        <button type="submit" disabled={!hydrated || pending}>Rename</button> <span role="status" className="muted">{saved}</span>
      </div>
      {formError && !errors.name && <p className="form-error" role="alert">{formError}</p>}
    </form>
  );
}
