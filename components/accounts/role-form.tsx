"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ROLE_LABELS, type TRole } from "@/lib/auth/roles";
import { useHydrated } from "./use-hydrated";
import { postJson } from "@/lib/http/post-json";
import { RoleOptions } from "./role-options";

export default function RoleForm({ userId, role }: { userId: string; role: TRole }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const next = String(new FormData(e.currentTarget).get("role") ?? "");
    setError(null);
    setSaved(null);
    setPending(true);
    const res = await postJson<{ user: { role: TRole } }>(`/api/admin/users/${encodeURIComponent(userId)}/role`, { role: next });
    setPending(false);
    if (!res.ok) {
      setError(res.fieldErrors.role?.[0] ?? res.message);
      return;
    }
    setSaved(`Role is now ${ROLE_LABELS[res.data.user.role]}.`);
    router.refresh();
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="stack acct-compact">
      <div className="field">
        <label htmlFor="role">Role</label>
        <select id="role" name="role" defaultValue={role} disabled={!hydrated} aria-invalid={!!error} aria-describedby={error ? "role-error" : undefined}>
          <RoleOptions />
        </select>
        {error && <p id="role-error" className="field-error" role="alert">{error}</p>}
      </div>
      <div>
        <button type="submit" disabled={!hydrated || pending}>Change role</button> <span role="status" className="muted">{saved}</span>
      </div>
    </form>
  );
}
