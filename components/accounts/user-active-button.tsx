"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useHydrated } from "./use-hydrated";
import { postJson } from "@/lib/http/post-json";

/** Deactivate or Reactivate one account; the page re-renders with the new status. */
export default function UserActiveButton({ userId, active, name }: { userId: string; active: boolean; name: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const errorId = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const action = active ? "deactivate" : "reactivate";

  async function onClick() {
    setError(null);
    setPending(true);
    const res = await postJson(`/api/admin/users/${encodeURIComponent(userId)}/${action}`);
    setPending(false);
    if (!res.ok) setError(res.message);
    else router.refresh();
  }

  return (
    <span className="acct-inline-action">
      <button
        type="button"
        className={active ? "acct-danger" : "acct-secondary"}
        disabled={!hydrated || pending}
        onClick={onClick}
        title={`${active ? "Deactivate" : "Reactivate"} ${name}`}
        aria-describedby={error ? errorId : undefined}
      >
        {active ? "Deactivate" : "Reactivate"}
      </button>
      {error && <span id={errorId} className="field-error" role="alert">{error}</span>}
    </span>
  );
}
