import "server-only";
import * as Plot from "@observablehq/plot";
import { JSDOM } from "jsdom";
import { VERDICT_INFO, VERDICTS } from "@/lib/verdicts";
import { VERDICT_ICONS } from "@/lib/verdict-icons";
import { STATE_LABELS } from "@/lib/workflow/state-machine";
import { AGE_LABELS, CHART_TITLES, sendBackRate, type ChartId, type DashboardData } from "./tables";

// The dashboard's charts as SVG markup, drawn on the server with Observable Plot into a jsdom
// document (docs/decisions.md, issue 17): readable without JavaScript, printable, and the same in
// every browser. Tooltips are SVG <title> elements (Plot's `title` channel), which browsers show on
// hover with or without scripts.

const WIDTH = 640;
export const STATE_COLORS: Record<string, string> = { DRAFT: "#6b7280", SUBMITTED: "#1d4ed8", CHANGES_REQUESTED: "#b54708", APPROVED: "#1a7f37", RETRACTED: "#b42318" };

let shared: Document | null = null;
/** One jsdom document per process: building a window costs milliseconds, and Plot only creates detached nodes in it. */
function chartDocument(): Document {
  shared ??= new JSDOM("<!doctype html><html><body></body></html>").window.document;
  return shared;
}

function svgOf(chart: ChartId, options: Plot.PlotOptions): string {
  const node = Plot.plot({ document: chartDocument(), width: WIDTH, ariaLabel: CHART_TITLES[chart], style: { fontSize: "12px", background: "transparent" }, ...options });
  // Plot labels its inner groups (aria-label="rule", "bar"…); inside role="img" they are never read,
  // and ARIA forbids aria-label on a <g> without a role (axe: aria-prohibited-attr).
  for (const inner of node.querySelectorAll("[aria-label], [aria-description]")) {
    inner.removeAttribute("aria-label");
    inner.removeAttribute("aria-description");
  }
  node.setAttribute("role", "img");
  node.setAttribute("data-chart", chart);
  return node.outerHTML;
}

const verdictLabel = (v: (typeof VERDICTS)[number]) => `${VERDICT_ICONS[v]} ${VERDICT_INFO[v].label}`;

/** The SVG of one chart, or null when there is nothing to draw (the page says so in words). */
export function renderChart<C extends ChartId>(chart: C, rows: DashboardData[C]): string | null {
  switch (chart) {
    case "verdicts": {
      const data = rows as DashboardData["verdicts"];
      if (!data.length) return null;
      return svgOf(chart, {
        x: { label: "Week of", type: "band", tickRotate: -30 },
        y: { label: "Checks", grid: true },
        color: { domain: VERDICTS.map(verdictLabel), range: VERDICTS.map((v) => VERDICT_INFO[v].color) },
        marginBottom: 50,
        marks: [
          Plot.barY(data, { x: "week", y: "count", fill: (d: (typeof data)[number]) => verdictLabel(d.verdict), title: (d: (typeof data)[number]) => `Week of ${d.week}: ${d.count} ${VERDICT_INFO[d.verdict].label}`, order: VERDICTS.map(verdictLabel) }),
          Plot.ruleY([0]),
        ],
      });
    }
    case "backlog": {
      const data = (rows as DashboardData["backlog"]).map((r) => ({ ...r, label: STATE_LABELS[r.state] }));
      if (!data.some((r) => r.count)) return null;
      return svgOf(chart, {
        height: 40 + data.length * 32,
        marginLeft: 140,
        x: { label: "Claims", grid: true },
        y: { label: null, domain: data.map((d) => d.label) },
        marks: [
          Plot.barX(data, { y: "label", x: "count", fill: (d: (typeof data)[number]) => STATE_COLORS[d.state], title: (d: (typeof data)[number]) => `${d.label}: ${d.count}` }),
          Plot.text(data, { y: "label", x: "count", text: (d: (typeof data)[number]) => String(d.count), dx: 4, textAnchor: "start" }),
          Plot.ruleX([0]),
        ],
      });
    }
    case "waiting": {
      const data = (rows as DashboardData["waiting"]).map((r) => ({ ...r, label: AGE_LABELS[r.bucket] }));
      if (!data.some((r) => r.count)) return null;
      return svgOf(chart, {
        height: 40 + data.length * 32,
        marginLeft: 100,
        x: { label: "Submitted claims", grid: true },
        y: { label: null, domain: data.map((d) => d.label) },
        marks: [
          Plot.barX(data, { y: "label", x: "count", fill: (d: (typeof data)[number]) => (d.bucket === "over-3-days" ? "#b42318" : d.bucket === "1-3-days" ? "#8a5a00" : "#1a7f37"), title: (d: (typeof data)[number]) => `${d.label}: ${d.count}` }),
          Plot.text(data, { y: "label", x: "count", text: (d: (typeof data)[number]) => String(d.count), dx: 4, textAnchor: "start" }),
          Plot.ruleX([0]),
        ],
      });
    }
    case "approval-time": {
      const data = (rows as DashboardData["approval-time"]).flatMap((r) => [
        { week: new Date(`${r.week}T00:00:00Z`), hours: r.medianHours, series: "Median", approvals: r.approvals },
        { week: new Date(`${r.week}T00:00:00Z`), hours: r.p90Hours, series: "90th percentile", approvals: r.approvals },
      ]);
      if (!data.length) return null;
      type D = (typeof data)[number];
      return svgOf(chart, {
        x: { label: "Week of", type: "utc" },
        y: { label: "Hours", grid: true },
        color: { domain: ["Median", "90th percentile"], range: ["#1d4ed8", "#b54708"], legend: false },
        marks: [
          // z named explicitly: with few weeks the two series are "many" next to the points, and Plot
          // would warn that the implicit z (from stroke) has high cardinality.
          Plot.lineY(data, { x: "week", y: "hours", z: "series", stroke: "series", marker: "circle" }),
          Plot.dot(data, { x: "week", y: "hours", stroke: "series", r: 6, strokeOpacity: 0, title: (d: D) => `${d.series}, week of ${d.week.toISOString().slice(0, 10)}: ${d.hours.toFixed(1)} h (${d.approvals} approvals)` }),
          Plot.ruleY([0]),
        ],
      });
    }
    case "published": {
      const data = (rows as DashboardData["published"]).flatMap((r) => [
        { week: r.week, what: "Published", n: r.published, rate: sendBackRate(r.published, r.sentBack) },
        { week: r.week, what: "Sent back", n: r.sentBack, rate: sendBackRate(r.published, r.sentBack) },
      ]);
      if (!data.length) return null;
      type D = (typeof data)[number];
      return svgOf(chart, {
        x: { label: "Week of", type: "band", tickRotate: -30 },
        y: { label: "Claims", grid: true },
        color: { domain: ["Published", "Sent back"], range: ["#1a7f37", "#b54708"] },
        marginBottom: 50,
        marks: [
          Plot.barY(data, { x: "week", y: "n", fill: "what", title: (d: D) => `Week of ${d.week}: ${d.n} ${d.what.toLowerCase()} (send-back rate ${d.rate}%)`, order: ["Published", "Sent back"] }),
          Plot.ruleY([0]),
        ],
      });
    }
    case "reviewers": {
      const measures = ["Drafted", "Submitted", "Approved", "Sent back"] as const;
      const data = (rows as DashboardData["reviewers"]).slice(0, 20).flatMap((r) => [r.drafted, r.submitted, r.approved, r.sentBack].map((n, i) => ({ name: r.name, what: measures[i], n })));
      if (!data.length) return null;
      type D = (typeof data)[number];
      const names = [...new Set(data.map((d) => d.name))];
      return svgOf(chart, {
        height: 50 + names.length * 4 * 14,
        marginLeft: 90,
        fy: { label: null, domain: names },
        y: { label: null, domain: [...measures], axis: null },
        x: { label: "Claims", grid: true },
        color: { domain: [...measures], range: ["#6b7280", "#1d4ed8", "#1a7f37", "#b54708"] },
        marks: [
          Plot.barX(data, { fy: "name", y: "what", x: "n", fill: "what", title: (d: D) => `${d.name}: ${d.n} ${d.what.toLowerCase()}` }),
          Plot.ruleX([0]),
        ],
      });
    }
    case "articles": {
      const states = ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "RETRACTED"] as const;
      const top = (rows as DashboardData["articles"]).slice(0, 15);
      const short = (t: string) => (t.length > 40 ? `${t.slice(0, 39)}…` : t);
      const data = top.flatMap((r) => states.map((s) => ({ title: short(r.title), full: r.title, state: STATE_LABELS[s], n: r.counts[s] })));
      if (!data.length) return null;
      type D = (typeof data)[number];
      return svgOf(chart, {
        height: 50 + top.length * 28,
        marginLeft: 260,
        y: { label: null, domain: [...new Set(data.map((d) => d.title))] },
        x: { label: "Claims", grid: true },
        color: { domain: states.map((s) => STATE_LABELS[s]), range: states.map((s) => STATE_COLORS[s]) },
        marks: [Plot.barX(data, { y: "title", x: "n", fill: "state", title: (d: D) => `${d.full}: ${d.n} ${d.state.toLowerCase()}` }), Plot.ruleX([0])],
      });
    }
    default:
      return null;
  }
}
