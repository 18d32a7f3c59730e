import { existsSync } from 'node:fs';
import type { SvgRasteriser } from './context.js';

// Debian's fonts-noto-cjk: loading the one file is faster than scanning every system font; else scan.
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

/** SVG → PNG with resvg (native, Node only: the Workers entry passes no rasteriser). */
export const resvgRasteriser: SvgRasteriser = async (svg, widthPx) => {
  const { Resvg } = await import('@resvg/resvg-js');
  const font = existsSync(CJK_FONT)
    ? { fontFiles: [CJK_FONT], loadSystemFonts: false, defaultFontFamily: 'Noto Sans CJK SC' }
    : { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' };
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: widthPx }, font, background: 'white' }).render().asPng();
  return new Uint8Array(png);
};
