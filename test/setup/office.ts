import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { TMP_DIR } from './paths.js';

const run = promisify(execFile);

/** LibreOffice's export filters: CSV as UTF-8 with cells "as shown" (what the user sees), text as UTF-8. */
const FILTERS = {
  csv: 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true',
  pdf: 'pdf',
  txt: 'txt:Text (encoded):UTF8',
} as const;

/**
 * A LibreOffice of its own: a private profile directory (-env:UserInstallation), so parallel test files never
 * share or lock one. Opens files exactly as a double-click would (default import filters) and converts them.
 */
export class Office {
  readonly dir = mkdtempSync(join(TMP_DIR, 'office-'));
  private readonly profile = pathToFileURL(join(this.dir, 'profile')).href;

  /** Writes `bytes` as `name` and converts it; returns the converted file's bytes. */
  async convert(name: string, bytes: Uint8Array, to: keyof typeof FILTERS): Promise<Buffer> {
    const input = join(this.dir, 'in', name);
    mkdirSync(join(this.dir, 'in'), { recursive: true });
    writeFileSync(input, bytes);
    const outdir = join(this.dir, `out-${to}`);
    // A CSV is read as UTF-8 (as the import dialog offers for a file with a BOM), every other option default.
    const infilter = name.endsWith('.csv') ? ['--infilter=Text - txt - csv (StarCalc):44,34,76,1'] : [];
    await run(
      'soffice',
      [
        `-env:UserInstallation=${this.profile}`,
        '--headless',
        '--norestore',
        ...infilter,
        '--convert-to',
        FILTERS[to],
        '--outdir',
        outdir,
        input,
      ],
      { timeout: 120_000 },
    );
    return readFileSync(join(outdir, `${basename(name).replace(/\.[^.]+$/, '')}.${to}`));
  }

  /** The first sheet as LibreOffice shows it: rows of displayed cell texts. */
  async sheet(name: string, bytes: Uint8Array): Promise<string[][]> {
    const csv = (await this.convert(name, bytes, 'csv')).toString('utf8').replace(/^\uFEFF/, '');
    return parse(csv, { relax_column_count: true });
  }

  async text(name: string, bytes: Uint8Array): Promise<string> {
    return (await this.convert(name, bytes, 'txt')).toString('utf8');
  }

  /** Pages of the PDF LibreOffice prints, each with its media box size in points. */
  async pages(
    name: string,
    bytes: Uint8Array,
  ): Promise<{ pages: { width: number; height: number }[]; images: number }> {
    const pdf = (await this.convert(name, bytes, 'pdf')).toString('latin1');
    // Each page object (`/Type/Page`, not `/Pages`) carries its own MediaBox.
    const pages = pdf
      .split(/\bendobj\b/)
      .filter((obj) => /\/Type\s*\/Page(?![a-zA-Z])/.test(obj))
      .map((obj) => {
        const box = /\/MediaBox\s*\[\s*[\d.]+\s+[\d.]+\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(obj);
        return { width: Number(box?.[1]), height: Number(box?.[2]) };
      });
    return { pages, images: [...pdf.matchAll(/\/Subtype\s*\/Image/g)].length };
  }
}

/** Column `header` of a sheet (header row first), as displayed. */
export function column(rows: string[][], header: string): string[] {
  const at = rows[0].indexOf(header);
  if (at < 0) throw new Error(`no column ${header} in ${rows[0].join(',')}`);
  return rows.slice(1).map((r) => r[at] ?? '');
}
