"use client";
// A header count that follows the stream (issue 15): the queue count for editors, the unread
// notifications for everyone. The server-rendered value is the start; events carry the new value.
import { useState } from "react";
import { useLiveEvents } from "./live-client";

export default function LiveCount({ kind, initial, testId }: { kind: "queue" | "unread"; initial: number; testId: string }) {
  const [count, setCount] = useState(initial);
  useLiveEvents((e) => {
    if (kind === "queue" && e.type === "claim" && e.data.queueCount !== undefined) setCount(e.data.queueCount);
    if (kind === "unread" && e.type === "notification") setCount(e.data.unread);
  });
  if (kind === "unread" && count === 0) return null;
  // The link's accessible name follows the count ("Review queue 3 waiting"), so no stale aria-label.
  return (
    <>
      {kind === "unread" && " "}
      <span className="header-count" data-testid={testId}>{count}</span>
      <span className="visually-hidden">{kind === "queue" ? " waiting" : " unread"}</span>
    </>
  );
}
