// Our own SVG bar chart (decision 0225): what a reader of the image sees — the title, one bar per category at its
// height on a round axis, the names below — parsed back from the SVG document.

import { type HTMLElement, parse as parseHtml } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { resvgRasteriser } from '../../src/lib/raster-node.js';
import { barChartSvg, niceStep, valueAxis } from '../../src/modules/reports/bar-chart.js';

const parse = (svg: string) => parseHtml(svg);
const bars = (doc: HTMLElement) => doc.querySelectorAll('rect[fill="#1f6f8b"]');
const num = (el: HTMLElement, attr: string) => Number(el.getAttribute(attr));
/** resvg parses the document as strict XML: a malformed chart fails to rasterise. */
const rasterises = async (svg: string) => (await resvgRasteriser(svg, 360)).length > 0;

describe('bar chart SVG', () => {
  it('draws one bar per category, heights in proportion on an axis from 0 to a round top', () => {
    const doc = parse(
      barChartSvg({ title: '各月救助金额（元）', labels: ['01', '02', '03', '04'], values: [0, 600, 1200, 300] }),
    );
    expect(doc.querySelector('svg > title')?.text).toBe('各月救助金额（元）');
    const heights = bars(doc).map((b) => num(b, 'height'));
    expect(heights).toHaveLength(4);
    expect(heights[0]).toBe(0);
    expect(heights[2]).toBeCloseTo(heights[1] * 2, 0);
    expect(heights[1]).toBeCloseTo(heights[3] * 2, 0);
    // Bars stand on the same base line, in the order given.
    const bottoms = bars(doc).map((b) => num(b, 'y') + num(b, 'height'));
    expect(new Set(bottoms.map(Math.round)).size).toBe(1);
    const xs = bars(doc).map((b) => num(b, 'x'));
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    const ticks = doc.querySelectorAll('text[text-anchor="end"]').map((t) => t.text);
    expect(ticks).toEqual(['0', '200', '400', '600', '800', '1,000', '1,200']);
    expect(bars(doc)[2].querySelector('title')?.text).toBe('03: 1,200');
  });

  it('keeps a fixed top (percentages) whatever the figures, and slants many names', () => {
    const labels = Array.from({ length: 12 }, (_, i) => `乡镇${i + 1}`);
    const doc = parse(barChartSvg({ title: 't', labels, values: labels.map((_, i) => i * 5), max: 100 }));
    const ticks = doc
      .querySelectorAll('text[text-anchor="end"]')
      .filter((t) => !t.getAttribute('transform'))
      .map((t) => t.text);
    expect(ticks.at(-1)).toBe('100');
    const names = doc.querySelectorAll('text[transform]').map((t) => t.text);
    expect(names).toEqual(labels);
    const few = parse(barChartSvg({ title: 't', labels: ['a', 'b'], values: [1, 2] }));
    expect(few.querySelectorAll('text[transform]')).toHaveLength(0);
  });

  it('escapes names and titles, so a township called <b>&"x" stays text in a well-formed document', async () => {
    const svg = barChartSvg({ title: 'A & <B>', labels: ['<b>&"x"'], values: [5] });
    const doc = parse(svg);
    expect(doc.querySelector('b')).toBeNull();
    expect(doc.querySelectorAll('text').map((t) => t.text)).toContain('<b>&"x"');
    expect(doc.querySelector('svg > title')?.text).toBe('A & <B>');
    expect(await rasterises(svg)).toBe(true);
  });

  it('draws an empty year (no categories, or all zero) without dividing by zero', async () => {
    for (const values of [[], [0, 0]]) {
      const svg = barChartSvg({ title: 't', labels: values.map(String), values });
      expect(svg).not.toMatch(/NaN|Infinity/);
      expect(await rasterises(svg)).toBe(true);
    }
  });

  it('negative figures hang below the base line', () => {
    const doc = parse(barChartSvg({ title: 't', labels: ['a', 'b'], values: [-50, 100] }));
    const [down, up] = bars(doc);
    expect(num(down, 'y')).toBeCloseTo(num(up, 'y') + num(up, 'height'), 0);
    expect(num(down, 'height')).toBeCloseTo(num(up, 'height') / 2, 0);
  });

  it('rounds the axis step to 1, 2 or 5 × 10ⁿ near a fifth of the span', () => {
    expect([12_000, 1200, 100, 7, 0.3, 0].map((s) => niceStep(s))).toEqual([2000, 200, 20, 1, 0.05, 1]);
    expect(valueAxis([3400, 12_000])).toEqual({ low: 0, high: 12_000, step: 2000 });
    expect(valueAxis([0, 0])).toEqual({ low: 0, high: 1, step: 1 });
    expect(valueAxis([-50, 100])).toEqual({ low: -50, high: 100, step: 50 });
  });
});
