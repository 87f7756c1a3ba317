import type { Metadata } from "next";
import Link from "next/link";
import ChartSection, { type LegendItem } from "@/components/dashboard/chart-section";
import "@/components/dashboard/dashboard.css";
import { requirePageRole } from "@/lib/auth/session";
import { renderChart, STATE_COLORS } from "@/lib/dashboard/charts";
import { getDashboard } from "@/lib/dashboard/get-dashboard";
import { CHART_IDS, type ChartId } from "@/lib/dashboard/tables";
import { dashboardQuery, resolveDashboardView } from "@/lib/validation/dashboard";
import { VERDICT_INFO, VERDICTS } from "@/lib/verdicts";
import { VERDICT_ICONS } from "@/lib/verdict-icons";
import { REVIEW_STATES, STATE_LABELS } from "@/lib/workflow/state-machine";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard · Factmark" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const NOTES: Partial<Record<ChartId, string>> = {
  backlog: "Now, whatever the date range.",
  waiting: "Claims waiting for an editor now, by how long since they were submitted.",
  "approval-time": "From the latest submission to its approval, for approvals in the range.",
  published: "Editors' decisions in the range; the send-back rate is sent back ÷ (published + sent back).",
  reviewers: "Claims each reviewer created in the range, and how many of their claims were submitted, approved and sent back.",
  articles: "Now, the 50 articles with the most claims (the chart shows 15).",
};

const LEGENDS: Partial<Record<ChartId, LegendItem[]>> = {
  verdicts: VERDICTS.map((v) => ({ label: `${VERDICT_ICONS[v]} ${VERDICT_INFO[v].label}`, color: VERDICT_INFO[v].color })),
  "approval-time": [{ label: "Median", color: "#1d4ed8" }, { label: "90th percentile", color: "#b54708" }],
  published: [{ label: "Published", color: "#1a7f37" }, { label: "Sent back", color: "#b54708" }],
  reviewers: [{ label: "Drafted", color: "#6b7280" }, { label: "Submitted", color: "#1d4ed8" }, { label: "Approved", color: "#1a7f37" }, { label: "Sent back", color: "#b54708" }],
  articles: REVIEW_STATES.map((s) => ({ label: STATE_LABELS[s], color: STATE_COLORS[s] })),
};

export default async function DashboardPage({ searchParams }: Props) {
  const user = await requirePageRole("/dashboard", "EDITOR", "ADMIN");
  const raw = await searchParams;
  const view = resolveDashboardView(raw);
  const { data, options } = await getDashboard(user, view);
  const query = dashboardQuery(view);
  return (
    <main className="page wide dashboard-page">
      <h1>Dashboard</h1>
      <form method="get" className="dashboard-filters" aria-label="Filter the dashboard">
        <label>
          <span>From</span>
          <input type="date" name="from" defaultValue={view.from} />
        </label>
        <label>
          <span>To</span>
          <input type="date" name="to" defaultValue={view.to} />
        </label>
        <label>
          <span>Article</span>
          <select name="article" defaultValue={view.article ?? ""}>
            <option value="">All articles</option>
            {options.articles.map((a) => <option key={a.slug} value={a.slug}>{a.title}</option>)}
          </select>
        </label>
        <label>
          <span>Tag</span>
          <select name="tag" defaultValue={view.tag ?? ""}>
            <option value="">All tags</option>
            {options.tags.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </label>
        <label>
          <span>Reviewer</span>
          <select name="reviewer" defaultValue={view.reviewer ?? ""}>
            <option value="">Everyone</option>
            {options.reviewers.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
          </select>
        </label>
        <button type="submit">Apply filters</button>
        <Link href="/dashboard">Reset</Link>
      </form>
      <p className="muted" data-testid="dashboard-range">
        {view.from} to {view.to} (UTC). Weeks start on Monday. The address keeps these filters: copy it to share this view.
      </p>
      <div className="dashboard-grid">
        {CHART_IDS.map((chart) => (
          <ChartSection
            key={chart}
            chart={chart}
            rows={data[chart]}
            svg={renderChart(chart, data[chart])}
            note={NOTES[chart]}
            legend={LEGENDS[chart]}
            csvHref={`/api/dashboard/${chart}?${query}`}
          />
        ))}
      </div>
    </main>
  );
}
