// One dashboard chart's rows as CSV (issue 17), with the page's filters from the query string.
import { requireRole } from "@/lib/auth/session";
import { getDashboardChart } from "@/lib/dashboard/get-dashboard";
import { CHART_IDS, tableOf, toCsv, type ChartId } from "@/lib/dashboard/tables";
import { AppError } from "@/lib/errors";
import { handleRoute, parseInput } from "@/lib/http/route";
import { resolveDashboardView, ZDashboardFilters } from "@/lib/validation/dashboard";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ chart: string }> }) {
  return handleRoute(async () => {
    const actor = await requireRole("EDITOR", "ADMIN");
    const { chart } = await params;
    if (!(CHART_IDS as readonly string[]).includes(chart)) throw new AppError("NOT_FOUND", "No such chart.");
    // Unlike the page, a download names exactly what it wants: a bad filter is a 400 with its reason.
    const raw = Object.fromEntries(new URL(req.url).searchParams);
    parseInput(ZDashboardFilters, raw);
    const view = resolveDashboardView(raw);
    const rows = await getDashboardChart(actor, chart as ChartId, view);
    return new Response(toCsv(tableOf(chart as ChartId, rows)), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="factmark-${chart}-${view.from}-to-${view.to}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  });
}
