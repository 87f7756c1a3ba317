"use client";
// The header's discreet stream status (issue 15): nothing while live, a short note while paused.
import { useLiveEvents, useLiveStatus } from "./live-client";
import "./live.css";

export default function LiveStatus() {
  // Subscribing keeps the tab's stream open on every page a signed-in user visits.
  useLiveEvents(() => {});
  const status = useLiveStatus();
  return (
    <span className="live-status" role="status" data-testid="live-status" data-live={status}>
      {status === "paused" ? "Live updates paused, retrying" : null}
    </span>
  );
}
