"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { InvitationLink } from "./invitation-link";
import { useHydrated } from "./use-hydrated";
import { postJson } from "@/lib/http/post-json";

/** A fresh link for an existing user, e.g. one who forgot their password; older links stop working. */
export default function InvitationButton({ userId, name }: { userId: string; name: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<{ path: string; expiresAt: string } | null>(null);

  async function onClick() {
    setError(null);
    setPending(true);
    const res = await postJson<{ invitation: { path: string; expiresAt: string } }>(`/api/admin/users/${encodeURIComponent(userId)}/invitation`);
    setPending(false);
    if (!res.ok) {
      setError(res.message);
      return;
    }
    setLink(res.data.invitation);
    router.refresh();
  }

  return (
    <div className="stack">
      <div>
        <button type="button" className="acct-secondary" disabled={!hydrated || pending} onClick={onClick}>Create invitation link</button>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      <div aria-live="polite">{link && <InvitationLink path={link.path} expiresAt={link.expiresAt} name={name} />}</div>
    </div>
  );
}
