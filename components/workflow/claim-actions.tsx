"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import type { ClaimDto } from "@/lib/claims/claim-dto";
import { STATE_LABELS, type TTransitionAction } from "@/lib/workflow/state-machine";
import { VERDICT_INFO } from "@/lib/verdicts";
import { postJson } from "@/lib/http/post-json";

type Props = { claimId: string; version: number; actions: TTransitionAction[] };

const DONE: Record<TTransitionAction, string> = {
  submit: "Submitted for review.",
  approve: "Approved. Readers now see this version.",
  requestChanges: "Sent back to the reviewer.",
  retract: "Retracted. Readers now see that the check was withdrawn.",
};

/** Submit / Approve / Request changes / Retract, each carrying the version the page was read at. */
export default function ClaimActions({ claimId, version: initialVersion, actions }: Props) {
  const router = useRouter();
  const uid = useId();
  const [version, setVersion] = useState(initialVersion);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ message: string; current: ClaimDto; action: TTransitionAction } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function run(action: TTransitionAction, atVersion = version) {
    setError(null);
    setReasonError(null);
    setConflict(null);
    if ((action === "requestChanges" || action === "retract") && !reason.trim()) {
      setReasonError(action === "retract" ? "Give a reason: readers see why the check was withdrawn." : "Give a reason: the reviewer needs to know what to change.");
      return;
    }
    setBusy(true);
    const result = await postJson<{ claim: ClaimDto }>(`/api/claims/${encodeURIComponent(claimId)}/transitions`, { action, version: atVersion, reason: reason.trim() || undefined });
    setBusy(false);
    if (!result.ok) {
      const current = (result.details as { current?: ClaimDto } | undefined)?.current;
      if (result.status === 409 && current) setConflict({ message: result.message, current, action });
      else if (result.fieldErrors?.reason) setReasonError(result.fieldErrors.reason.join(" "));
      else setError(result.message);
      return;
    }
    setVersion(result.data.claim.version);
    setReason("");
    setDone(DONE[action]);
    router.refresh();
  }

  const needsReason = actions.includes("requestChanges") || actions.includes("retract");
  if (!actions.length && !done) return null;
  return (
    <section className="claim-actions stack" aria-label="Review actions">
      <p className="notice" role="status">{done}</p>
      {conflict && (
        <div className="conflict" role="alert" data-testid="conflict">
          <p><strong>Not done: </strong>{conflict.message}</p>
          <dl>
            <dt>Current state</dt><dd data-testid="conflict-state">{STATE_LABELS[conflict.current.state]}</dd>
            <dt>Current verdict</dt><dd>{VERDICT_INFO[conflict.current.verdict].label}</dd>
            <dt>Current explanation</dt><dd>{conflict.current.explanation || "—"}</dd>
            <dt>Changed by</dt><dd>{conflict.current.updatedBy.name}</dd>
          </dl>
          <button type="button" onClick={() => { setVersion(conflict.current.version); setConflict(null); router.refresh(); }}>Show the current version</button>{" "}
          <button type="button" className="link-button" disabled={busy} onClick={() => run(conflict.action, conflict.current.version)}>Try again on the current version</button>
        </div>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
      {needsReason && (
        <div className="field">
          <label htmlFor={`${uid}-reason`}>Reason</label>
          <textarea id={`${uid}-reason`} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={!!reasonError} aria-describedby={reasonError ? `${uid}-reason-error` : undefined} />
          {reasonError && <p id={`${uid}-reason-error`} className="field-error">{reasonError}</p>}
        </div>
      )}
      <div className="form-actions">
        {actions.includes("submit") && <button type="button" disabled={busy} onClick={() => run("submit")}>Submit for review</button>}
        {actions.includes("approve") && <button type="button" disabled={busy} onClick={() => run("approve")}>Approve</button>}
        {actions.includes("requestChanges") && <button type="button" disabled={busy} onClick={() => run("requestChanges")}>Request changes</button>}
        {actions.includes("retract") && <button type="button" className="danger-button" disabled={busy} onClick={() => run("retract")}>Retract</button>}
      </div>
    </section>
  );
}
