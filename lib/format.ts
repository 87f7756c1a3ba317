const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "21 October 2015": one unambiguous, locale-stable date format for the whole app (UTC). */
export function formatDate(d: Date): string {
  return DATE.format(d);
}
