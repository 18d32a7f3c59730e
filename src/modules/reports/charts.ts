import * as echarts from 'echarts';

/**
 * A bar chart rendered on the server by Apache ECharts (SVG, no DOM), returned as a data: URI for an <img>.
 * ECharts' SVG carries inline style attributes; as an image document they need no CSP relaxation of the page
 * (img-src already allows data:), and an image runs no script (decision 0064).
 */
export function barChartDataUri(opts: BarChart): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(barChartSvg(opts))}`;
}

export interface BarChart {
  title: string;
  labels: string[];
  values: number[];
  /** A fixed top of the value axis (e.g. 100 for percentages), so charts of different months compare. */
  max?: number;
  width?: number;
  height?: number;
}

/** The chart as an SVG document: the page shows it as an image, the Word report rasterises it to PNG. */
export function barChartSvg(opts: BarChart): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: opts.width ?? 720,
    height: opts.height ?? 320,
  });
  try {
    chart.setOption({
      animation: false,
      title: { text: opts.title, left: 'center', textStyle: { fontSize: 14 } },
      grid: { left: 80, right: 20, top: 40, bottom: 60 },
      xAxis: {
        type: 'category',
        data: opts.labels,
        axisLabel: { interval: 0, rotate: opts.labels.length > 8 ? 30 : 0 },
      },
      yAxis: opts.max === undefined ? { type: 'value' } : { type: 'value', min: 0, max: opts.max },
      series: [{ type: 'bar', data: opts.values, itemStyle: { color: '#1f6f8b' } }],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
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
