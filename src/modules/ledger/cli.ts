import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { businessDate } from '../../domain/dates.js';
import type { Command } from '../../lib/cli.js';
import { translator } from '../../lib/i18n/index.js';
import { cipherFor } from '../../lib/personal-data.js';
import { resvgRasteriser } from '../../lib/raster-node.js';
import { ALL } from '../../lib/scope.js';
import { printErrors, SHELL } from '../registry/cli.js';
import { runImport } from '../registry/pipeline.js';
import { summaryDocx } from '../reports/docx.js';
import { summaryXlsx } from '../reports/export.js';
import { annualSummary } from '../reports/summary.js';
import { activitiesImporter } from './import.js';

/** `report annual --year YYYY [--json] [--docx FILE] [--xlsx FILE]`: the county-wide summary; JSON alone on stdout. */
export const reportAnnualCommand: Command = async ({ database, config, args, out }) => {
  const { values } = parseArgs({
    args,
    options: {
      year: { type: 'string' },
      json: { type: 'boolean' },
      docx: { type: 'string' },
      xlsx: { type: 'string' },
    },
  });
  const year = Number(values.year);
  if (!values.year || !/^\d{4}$/.test(values.year) || year < 1900) {
    console.error('--year YYYY is required');
    return 2;
  }
  if (!values.json && !values.docx && !values.xlsx) {
    console.error('choose at least one of --json, --docx FILE, --xlsx FILE');
    return 2;
  }
  const summary = await annualSummary(database.db, year, ALL);
  const t = translator('zh');
  if (values.docx)
    writeFileSync(
      values.docx,
      await summaryDocx(t, summary, {
        issuedOn: businessDate(new Date()),
        county: config.countyName,
        rasterise: resvgRasteriser,
      }),
    );
  if (values.xlsx) writeFileSync(values.xlsx, await summaryXlsx(t, summary));
  if (values.json) out(JSON.stringify(summary));
  return 0;
};

/** `import activities <file>`: all or nothing; prints the counts as JSON, or the registry's row errors on stderr. */
export const importActivitiesCommand: Command = async ({ database, config, args, out }) => {
  const file = args[0];
  if (!file) {
    console.error('usage: import activities <file.csv|file.xlsx>');
    return 2;
  }
  const t = translator('zh');
  const upload = { bytes: new Uint8Array(readFileSync(file)), name: basename(file) };
  const run = {
    db: database.db,
    cipher: cipherFor(config),
    now: new Date(),
    viewer: SHELL,
    t,
    importer: activitiesImporter,
    file: upload,
  };
  const outcome = await runImport({ ...run, apply: true });
  if (!outcome.ok) {
    printErrors(t, outcome);
    return 1;
  }
  out(JSON.stringify({ created: outcome.created, unchanged: outcome.unchanged }));
  return 0;
};
