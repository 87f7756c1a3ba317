"use client";
// Re-renders a server page when a live event concerns it (issue 15: the review queue, a claim's
// History, the notifications list). router.refresh() keeps client state, so a half-typed comment
// stays in its box.
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { useLiveEvents } from "./live-client";

export type LiveRefreshOn = { claims: "all" } | { claimId: string } | { notifications: true };

export default function LiveRefresh({ on }: { on: LiveRefreshOn }) {
  const router = useRouter();
  const timer = useRef<number | null>(null);
  useLiveEvents((e) => {
    const matches =
      e.type === "resync" ||
      ("claims" in on && e.type === "claim") ||
      ("claimId" in on && e.type === "claim" && e.claimId === on.claimId) ||
      ("notifications" in on && e.type === "notification");
    if (!matches || timer.current !== null) return;
    // Several events in a burst make one refresh.
    timer.current = window.setTimeout(() => {
      timer.current = null;
      router.refresh();
    }, 150);
  });
  return null;
}
