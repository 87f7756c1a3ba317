// Dates in the workflow pages: fixed locale and UTC, so the server and the browser print the same.
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }) + " UTC";
}

/** "3 days", "5 hours", "2 minutes": how long a claim has waited. */
export function formatAge(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  const unit = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  if (minutes < 60) return unit(minutes, "minute");
  if (minutes < 60 * 24) return unit(Math.floor(minutes / 60), "hour");
  return unit(Math.floor(minutes / (60 * 24)), "day");
}
