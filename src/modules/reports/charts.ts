import { type BarChart, barChartSvg } from './bar-chart.js';

/**
 * A bar chart as a data: URI for an <img>: an image document needs no CSP relaxation of the page (img-src already
 * allows data:), and an image runs no script (decision 0064; drawn by ./bar-chart.ts since decision 0225).
 */
export function barChartDataUri(opts: BarChart): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(barChartSvg(opts))}`;
}

/** The report's two charts (aid by month, aid by township), the same for the page and the Word document. */
export function reportCharts(
  t: (key: 'report.chartMonth' | 'report.chartTownship' | 'report.noTownship') => string,
  s: {
    year: number;
    by_month: { month: string; aid_total_fen: number }[];
    by_township: { township: string | null; aid_total_fen: number }[];
  },
): { month: BarChart; township: BarChart } {
  const months = Array.from({ length: 12 }, (_, i) => `${s.year}-${String(i + 1).padStart(2, '0')}`);
  const byMonth = new Map(s.by_month.map((m) => [m.month, m.aid_total_fen]));
  return {
    month: {
      title: t('report.chartMonth'),
      labels: months.map((m) => m.slice(5)),
      values: months.map((m) => (byMonth.get(m) ?? 0) / 100),
    },
    township: {
      title: t('report.chartTownship'),
      labels: s.by_township.map((r) => r.township ?? t('report.noTownship')),
      values: s.by_township.map((r) => r.aid_total_fen / 100),
    },
  };
}
