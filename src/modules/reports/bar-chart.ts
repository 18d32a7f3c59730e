/**
 * A bar chart as a small SVG document of our own: a title, a value axis with round ticks, one bar per category and
 * the category names below (slanted when there are many). ECharts' server-side render drew the same picture in
 * ≈ 20–40 ms of option merging and layout per chart; this is string building, well under a millisecond (decision
 * 0225), so a report after a write no longer pays for its charts.
 */
export interface BarChart {
  title: string;
  labels: string[];
  values: number[];
  /** A fixed top of the value axis (e.g. 100 for percentages), so charts of different months compare. */
  max?: number;
  width?: number;
  height?: number;
}

const GRID = { left: 80, right: 20, top: 40, bottom: 60 };
const BAR = '#1f6f8b';
const INK = '#333';
const RULE = '#e0e6f1';
/** Past this many categories the names are slanted so they do not run into each other. */
const SLANT_PAST = 8;

const xml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
const px = (n: number) => String(Math.round(n * 10) / 10);
const figure = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A round step (1, 2 or 5 × a power of ten) nearest to `span / ticks`, so the axis has about `ticks` intervals. */
export function niceStep(span: number, ticks = 5): number {
  if (!(span > 0)) return 1;
  const raw = span / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  const unit = scaled < 1.5 ? 1 : scaled < 3 ? 2 : scaled < 7 ? 5 : 10;
  return unit * power;
}

/** The value axis: from 0 (or below, for negative figures) to a round top, or to the fixed `max`. */
export function valueAxis(values: number[], max?: number): { low: number; high: number; step: number } {
  const finite = values.filter(Number.isFinite);
  const low0 = Math.min(0, ...finite);
  const high0 = max ?? Math.max(0, ...finite);
  const step = niceStep(high0 - low0);
  const low = Math.floor(low0 / step) * step;
  const high = max ?? Math.max(step, Math.ceil(high0 / step) * step);
  return { low, high, step };
}

/** The chart as an SVG document: the page shows it as an image, the Word report rasterises it to PNG. */
export function barChartSvg(opts: BarChart): string {
  const width = opts.width ?? 720;
  const height = opts.height ?? 320;
  const plotW = width - GRID.left - GRID.right;
  const plotH = height - GRID.top - GRID.bottom;
  const { low, high, step } = valueAxis(opts.values, opts.max);
  const y = (v: number) => GRID.top + plotH - ((Math.min(Math.max(v, low), high) - low) / (high - low)) * plotH;
  const parts: string[] = [];
  for (let i = 0; low + i * step <= high + step / 1e6; i++) {
    const v = low + i * step;
    parts.push(
      `<line x1="${GRID.left}" x2="${width - GRID.right}" y1="${px(y(v))}" y2="${px(y(v))}" stroke="${RULE}"/>`,
      `<text x="${GRID.left - 8}" y="${px(y(v))}" text-anchor="end" dominant-baseline="central" font-size="12" fill="${INK}">${figure.format(v)}</text>`,
    );
  }
  const band = plotW / Math.max(1, opts.labels.length);
  const slant = opts.labels.length > SLANT_PAST;
  const base = y(0);
  opts.labels.forEach((label, i) => {
    const v = Number.isFinite(opts.values[i]) ? opts.values[i] : 0;
    const x = GRID.left + i * band;
    const top = Math.min(y(v), base);
    parts.push(
      `<rect x="${px(x + band * 0.2)}" y="${px(top)}" width="${px(band * 0.6)}" height="${px(Math.abs(base - y(v)))}" fill="${BAR}"><title>${xml(label)}: ${figure.format(v)}</title></rect>`,
    );
    const cx = px(x + band / 2);
    const ly = GRID.top + plotH + 16;
    parts.push(
      slant
        ? `<text x="${cx}" y="${ly}" text-anchor="end" transform="rotate(-30 ${cx} ${ly})" font-size="12" fill="${INK}">${xml(label)}</text>`
        : `<text x="${cx}" y="${ly}" text-anchor="middle" font-size="12" fill="${INK}">${xml(label)}</text>`,
    );
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<title>${xml(opts.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="14" font-weight="bold" fill="${INK}">${xml(opts.title)}</text>`,
    ...parts,
    `<line x1="${GRID.left}" x2="${width - GRID.right}" y1="${px(base)}" y2="${px(base)}" stroke="${INK}"/>`,
    '</svg>',
  ].join('');
}
