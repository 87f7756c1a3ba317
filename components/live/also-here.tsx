"use client";
// "Also here" (issue 15): who else has this article's review workspace open, on any instance.
import type { PresenceEventData } from "@/lib/live/events";
import "./live.css";

export default function AlsoHere({ users, currentUserId }: { users: PresenceEventData["users"]; currentUserId: string }) {
  const others = users.filter((u) => u.id !== currentUserId);
  return (
    <section className="also-here" aria-labelledby="also-here-title" data-testid="also-here">
      <h2 id="also-here-title">Also here</h2>
      {others.length ? (
        <ul>{others.map((u) => <li key={u.id}>{u.name}</li>)}</ul>
      ) : (
        <span className="muted">Nobody else has this article open.</span>
      )}
    </section>
  );
}
