import { describe, expect, it } from "vitest";
import { dashboardQuery, resolveDashboardView } from "./dashboard";

const NOW = new Date("2026-12-04T12:00:00Z");

describe("dashboard filters from the address", () => {
  it("defaults to the last twelve weeks", () => {
    expect(resolveDashboardView({}, NOW)).toEqual({ from: "2026-09-11", to: "2026-12-04" });
  });
  it("keeps good filters, drops bad ones, swaps a reversed range", () => {
    expect(resolveDashboardView({ from: "2026-12-01", to: "2026-11-01", article: "a-b", reviewer: "cm1", tag: "x" }, NOW)).toEqual({ from: "2026-11-01", to: "2026-12-01", article: "a-b", reviewer: "cm1", tag: "x" });
    expect(resolveDashboardView({ from: "2026-02-30", article: "Not A Slug", reviewer: "a b", tag: "\u0000" }, NOW)).toEqual({ from: "2026-09-11", to: "2026-12-04" });
  });
  it("caps the range at three years and round-trips through the query", () => {
    const view = resolveDashboardView({ from: "2000-01-01", to: "2026-12-04", tag: "a&b" }, NOW);
    expect(view.from > "2023-12-01").toBe(true);
    expect(resolveDashboardView(Object.fromEntries(new URLSearchParams(dashboardQuery(view))), NOW)).toEqual(view);
  });
});
