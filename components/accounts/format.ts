const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/** "29 November 2026, 14:05 UTC": stable across server and browser, like lib/format.ts. */
export function formatDateTime(d: Date | string): string {
  return `${DATE_TIME.format(new Date(d))} UTC`;
}
