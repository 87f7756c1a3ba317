import { describe, expect, it, vi } from "vitest";
import { renderChart } from "./charts";
import { CHART_IDS, type DashboardData } from "./tables";

const counts = { DRAFT: 2, SUBMITTED: 1, CHANGES_REQUESTED: 0, APPROVED: 5, RETRACTED: 1 };
const SAMPLE: DashboardData = {
  verdicts: [{ week: "2026-11-23", verdict: "FALSE", count: 2 }, { week: "2026-11-30", verdict: "ACCURATE", count: 3 }],
  backlog: [{ state: "DRAFT", count: 4 }, { state: "SUBMITTED", count: 2 }, { state: "CHANGES_REQUESTED", count: 0 }, { state: "APPROVED", count: 7 }, { state: "RETRACTED", count: 1 }],
  waiting: [{ bucket: "under-1-day", count: 1 }, { bucket: "1-3-days", count: 0 }, { bucket: "over-3-days", count: 3 }],
  "approval-time": [{ week: "2026-11-23", approvals: 2, medianHours: 5, p90Hours: 20 }, { week: "2026-11-30", approvals: 3, medianHours: 7.5, p90Hours: 30 }],
  published: [{ week: "2026-11-30", published: 3, sentBack: 1 }],
  reviewers: [{ id: "u1", name: "<b>Rita</b> & co", drafted: 4, submitted: 3, approved: 2, sentBack: 1 }],
  articles: [{ slug: "a", title: "A title", counts }],
};

describe("server-rendered charts", () => {
  it.each(CHART_IDS)("draws %s as an accessible SVG", (chart) => {
    const svg = renderChart(chart, SAMPLE[chart] as never)!;
    expect(svg).toMatch(/^<svg[^>]* role="img"/);
    expect(svg).toContain(`data-chart="${chart}"`);
    expect(svg).toMatch(/aria-label="[^"]+"/);
    expect(svg).toContain("<title>");
    // Only the <svg> itself is labelled: a labelled <g> without a role is an ARIA error.
    expect(svg.match(/aria-label=/g)).toHaveLength(1);
  });
  it("escapes names in the markup and uses the verdict colours", () => {
    expect(renderChart("reviewers", SAMPLE.reviewers)).toContain("&lt;b&gt;Rita&lt;/b&gt; &amp; co");
    expect(renderChart("verdicts", SAMPLE.verdicts)).toContain("#b42318");
  });
  it("draws nothing when there is nothing to show", () => {
    expect(renderChart("verdicts", [])).toBeNull();
    expect(renderChart("backlog", SAMPLE.backlog.map((b) => ({ ...b, count: 0 })))).toBeNull();
  });
  it("draws every chart without Plot's warnings, even with a single week of data", () => {
    // Plot warns (console.warn) that "the implicit z channel has high cardinality" when a line's
    // series are as many as half its points: one week gives two series of one point each.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      for (const chart of CHART_IDS) renderChart(chart, SAMPLE[chart].slice(0, 1) as never);
      renderChart("approval-time", SAMPLE["approval-time"]);
      expect(warn.mock.calls).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });
});
