import * as echarts from 'echarts';

/**
 * A bar chart rendered on the server by Apache ECharts (SVG, no DOM), returned as a data: URI for an <img>.
 * ECharts' SVG carries inline style attributes; as an image document they need no CSP relaxation of the page
 * (img-src already allows data:), and an image runs no script (decision 0064).
 */
export function barChartDataUri(opts: {
  title: string;
  labels: string[];
  values: number[];
  width?: number;
  height?: number;
}): string {
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
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: opts.values, itemStyle: { color: '#1f6f8b' } }],
    });
    return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(chart.renderToSVGString())}`;
  } finally {
    chart.dispose();
  }
}
