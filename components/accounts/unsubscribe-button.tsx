"use client";

import { useState } from "react";

export default function UnsubscribeButton({ query }: { query: string }) {
  const [state, setState] = useState<"idle" | "busy" | "done" | string>("idle");
  const go = async () => {
    setState("busy");
    const res = await fetch(`/api/email/unsubscribe?${query}`, { method: "POST" });
    if (res.ok) return setState("done");
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    setState(body?.error?.message ?? "Something went wrong; try again.");
  };
  if (state === "done") return <p role="status">Done: you will not get these emails any more.</p>;
  return (
    <>
      <button type="button" onClick={go} disabled={state === "busy"}>Unsubscribe</button>
      {state !== "idle" && state !== "busy" && <p role="alert" className="form-error">{state}</p>}
    </>
  );
}
