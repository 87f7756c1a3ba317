import { CHART_TITLES, tableOf, type ChartId, type DashboardData } from "@/lib/dashboard/tables";

export type LegendItem = { label: string; color: string };

type Props<C extends ChartId> = {
  chart: C;
  rows: DashboardData[C];
  /** Server-rendered SVG markup from lib/dashboard/charts.ts, or null when there is nothing to draw. */
  svg: string | null;
  note?: string;
  legend?: LegendItem[];
  csvHref: string;
};

/**
 * One chart: its SVG, a legend in words, the same numbers as a table behind "Show as table" (a
 * <details>, so it works without JavaScript and for screen readers), and a CSV download.
 */
export default function ChartSection<C extends ChartId>({ chart, rows, svg, note, legend, csvHref }: Props<C>) {
  const table = tableOf(chart, rows);
  const headingId = `chart-${chart}`;
  return (
    <section className="dashboard-chart" aria-labelledby={headingId} data-testid={`chart-${chart}`}>
      <h2 id={headingId}>{CHART_TITLES[chart]}</h2>
      {note && <p className="muted">{note}</p>}
      {svg ? (
        // Plot sets every text through textContent, so names and titles arrive escaped in this markup.
        <figure className="chart-figure" dangerouslySetInnerHTML={{ __html: svg }} />
      ) : (
        <p className="empty-state" data-testid="chart-empty">Nothing to show for these filters.</p>
      )}
      {svg && legend && (
        <ul className="chart-legend" aria-label="Legend">
          {legend.map((l) => (
            <li key={l.label}><span className="swatch" style={{ background: l.color }} aria-hidden="true" /> {l.label}</li>
          ))}
        </ul>
      )}
      <div className="chart-actions">
        <details className="chart-table">
          <summary>Show as table</summary>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{CHART_TITLES[chart]}</caption>
              <thead>
                <tr>{table.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
              </thead>
              <tbody>
                {table.rows.length === 0 ? (
                  <tr><td colSpan={table.columns.length}>No rows.</td></tr>
                ) : (
                  table.rows.map((r, i) => <tr key={i}>{r.map((v, j) => (j === 0 ? <th key={j} scope="row">{v}</th> : <td key={j}>{v}</td>))}</tr>)
                )}
              </tbody>
            </table>
          </div>
        </details>
        <a href={csvHref} download className="button-link" data-testid={`csv-${chart}`}>Download CSV</a>
      </div>
    </section>
  );
}
