"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ZUpdateProfile } from "@/lib/accounts/schemas";
import { Field } from "./field";
import { useHydrated } from "./use-hydrated";
import { firstErrors, postJson } from "./post-json";

export default function ProfileForm({ name }: { name: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(null);
    const parsed = ZUpdateProfile.safeParse({ name: new FormData(e.currentTarget).get("name") ?? "" });
    if (!parsed.success) {
      setError(firstErrors(parsed.error.issues).name);
      return;
    }
    setError(undefined);
    setPending(true);
    const res = await postJson<{ name: string }>("/api/account/profile", parsed.data);
    setPending(false);
    if (!res.ok) {
      setError(firstErrors(res.fieldErrors).name ?? res.message);
      return;
    }
    setSaved("Name saved.");
    router.refresh();
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="stack">
      <Field id="name" label="Name" defaultValue={name} autoComplete="name" error={error} />
      <div>
        <button type="submit" disabled={!hydrated || pending}>Save name</button> <span role="status" className="muted">{saved}</span>
      </div>
    </form>
  );
}
