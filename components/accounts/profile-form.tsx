"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ZUpdateProfile } from "@/lib/accounts/schemas";
import { Field } from "./field";
import { useHydrated } from "./use-hydrated";
import { useValidatedPost } from "./use-validated-post";

export default function ProfileForm({ name }: { name: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const { pending, errors, formError, submit } = useValidatedPost<typeof ZUpdateProfile, { name: string }>(ZUpdateProfile, "/api/account/profile");
  const [saved, setSaved] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(null);
    if (!(await submit({ name: new FormData(e.currentTarget).get("name") ?? "" }))) return;
    setSaved("Name saved.");
    router.refresh();
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="stack">
      <Field id="name" label="Name" defaultValue={name} autoComplete="name" error={errors.name ?? formError ?? undefined} />
      <div>
        <button type="submit" disabled={!hydrated || pending}>Save name</button> <span role="status" className="muted">{saved}</span>
      </div>
    </form>
  );
}
