// The dashboard's data as plain tables (issue 17): each chart's "Show as table" and its CSV are
// built from the same rows, so what a screen reader hears, what is copied and what is downloaded
// agree with the chart. Pure and client-safe.
import { VERDICT_INFO, type TVerdict } from "@/lib/verdicts";
import { STATE_LABELS } from "@/lib/workflow/state-machine";
import type { TReviewState } from "@/lib/claims/claim-dto";

export const CHART_IDS = ["verdicts", "backlog", "waiting", "approval-time", "published", "reviewers", "articles"] as const;
export type ChartId = (typeof CHART_IDS)[number];

export const AGE_BUCKETS = ["under-1-day", "1-3-days", "over-3-days"] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];
export const AGE_LABELS: Record<AgeBucket, string> = { "under-1-day": "Under 1 day", "1-3-days": "1–3 days", "over-3-days": "Over 3 days" };

export type DashboardData = {
  verdicts: { week: string; verdict: TVerdict; count: number }[];
  backlog: { state: TReviewState; count: number }[];
  waiting: { bucket: AgeBucket; count: number }[];
  "approval-time": { week: string; approvals: number; medianHours: number; p90Hours: number }[];
  published: { week: string; published: number; sentBack: number }[];
  reviewers: { id: string; name: string; drafted: number; submitted: number; approved: number; sentBack: number }[];
  articles: { slug: string; title: string; counts: Record<TReviewState, number> }[];
};

export type Table = { columns: string[]; rows: (string | number)[][] };

export const CHART_TITLES: Record<ChartId, string> = {
  verdicts: "Verdicts of published checks, by week",
  backlog: "Claims by state",
  waiting: "Submitted claims by time waiting",
  "approval-time": "Time from submission to approval, by week",
  published: "Checks published and sent back, by week",
  reviewers: "Per reviewer",
  articles: "Per article",
};

const STATES: TReviewState[] = ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "RETRACTED"];
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Send-back rate in percent of the decisions (approved + sent back) that week, one decimal. */
export function sendBackRate(published: number, sentBack: number): number {
  const decided = published + sentBack;
  return decided === 0 ? 0 : round1((100 * sentBack) / decided);
}

export function tableOf<C extends ChartId>(chart: C, data: DashboardData[C]): Table {
  switch (chart) {
    case "verdicts": {
      const rows = data as DashboardData["verdicts"];
      return { columns: ["Week of", "Verdict", "Checks"], rows: rows.map((r) => [r.week, VERDICT_INFO[r.verdict].label, r.count]) };
    }
    case "backlog":
      return { columns: ["State", "Claims"], rows: (data as DashboardData["backlog"]).map((r) => [STATE_LABELS[r.state], r.count]) };
    case "waiting":
      return { columns: ["Waiting", "Claims"], rows: (data as DashboardData["waiting"]).map((r) => [AGE_LABELS[r.bucket], r.count]) };
    case "approval-time":
      return {
        columns: ["Week of", "Approvals", "Median hours", "90th percentile hours"],
        rows: (data as DashboardData["approval-time"]).map((r) => [r.week, r.approvals, round1(r.medianHours), round1(r.p90Hours)]),
      };
    case "published":
      return {
        columns: ["Week of", "Published", "Sent back", "Send-back rate %"],
        rows: (data as DashboardData["published"]).map((r) => [r.week, r.published, r.sentBack, sendBackRate(r.published, r.sentBack)]),
      };
    case "reviewers":
      return {
        columns: ["Reviewer", "Drafted", "Submitted", "Approved", "Sent back"],
        rows: (data as DashboardData["reviewers"]).map((r) => [r.name, r.drafted, r.submitted, r.approved, r.sentBack]),
      };
    case "articles":
      return {
        columns: ["Article", ...STATES.map((s) => STATE_LABELS[s])],
        rows: (data as DashboardData["articles"]).map((r) => [r.title, ...STATES.map((s) => r.counts[s])]),
      };
    default:
      throw new Error(`unknown chart ${String(chart)}`);
  }
}

/**
 * RFC 4180 CSV with a header row. A cell that a spreadsheet would run as a formula (=, +, -, @, tab,
 * CR at the start) gets a leading apostrophe: names and titles are user text (OWASP CSV injection).
 * Numbers are written as they are, negative ones included.
 */
export function toCsv(table: Table): string {
  const cell = (v: string | number) => {
    if (typeof v === "number") return String(v);
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [table.columns, ...table.rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}
