import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActivityKind } from '../../db/schema/index.js';
import { businessDate } from '../../domain/dates.js';
import type { FundingSource } from '../../domain/vocabulary.js';
import { auditInsert } from '../../lib/audit.js';
import type { Viewer } from '../../lib/context.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import type { Scope } from '../../lib/scope.js';
import { type Cell, hoursCell, money, writeCsv, writeXlsx } from '../../lib/spreadsheet/index.js';
import { ledgerWhere } from './policy.js';
import { ACTIVITY_COLUMNS, HOUSEHOLD, KIND_LABELS, NURSING_HOME, SOURCE_LABELS } from './sheet.js';

/**
 * The activities as the import expects them (re-importable): per activity, row i carries its i-th target and its
 * i-th effective line (lines net of reversals: a reversed line and its reversal are left out).
 */
export async function exportActivities(
  db: Db,
  cipher: PersonalDataCipher,
  s: Scope,
  range: { from: string; to: string },
): Promise<{ headers: string[]; rows: Cell[][] }> {
  // Voided activities are left out: re-imported, they would count again (their history stays on the pages).
  const where = sql`a.occurred_on >= ${range.from} AND a.occurred_on <= ${range.to} AND ${ledgerWhere(s, 'a')}
    AND NOT EXISTS (SELECT 1 FROM activity_voids v WHERE v.activity_id = a.id)`;
  const acts =
    (await db.all(sql`SELECT a.id, coalesce(a.external_ref, 'SW-' || a.id) AS ref, a.occurred_on, a.kind, o.name AS org
    FROM activities a JOIN organisations o ON o.id = a.organisation_id WHERE ${where} ORDER BY a.occurred_on, a.id`)) as {
      id: number;
      ref: string;
      occurred_on: string;
      kind: ActivityKind;
      org: string;
    }[];
  const targets =
    (await db.all(sql`SELECT t.activity_id, r.id_number_enc AS enc, h.name AS home FROM activity_targets t JOIN activities a ON a.id = t.activity_id
    LEFT JOIN recipients r ON r.id = t.recipient_id LEFT JOIN organisations h ON h.id = t.nursing_home_id WHERE ${where} ORDER BY t.id`)) as {
      activity_id: number;
      enc: string | null;
      home: string | null;
    }[];
  const lines =
    (await db.all(sql`SELECT l.* FROM ledger_lines l JOIN activities a ON a.id = l.activity_id WHERE ${where}
    AND l.reverses_line_id IS NULL AND NOT EXISTS (SELECT 1 FROM ledger_lines x WHERE x.reverses_line_id = l.id) ORDER BY l.id`)) as Record<
      string,
      unknown
    >[];
  const tBy = new Map<number, Cell[][]>();
  for (const t of targets) {
    const cells: Cell[] = t.enc ? [HOUSEHOLD, await cipher.decrypt(t.enc)] : [NURSING_HOME, t.home];
    tBy.set(t.activity_id, [...(tBy.get(t.activity_id) ?? []), cells]);
  }
  const lBy = new Map<number, Cell[][]>();
  for (const l of lines) {
    const kind = l.kind as string;
    const fen = Number(l.amount_fen);
    const source = l.funding_source ? SOURCE_LABELS[l.funding_source as FundingSource] : '';
    const cells: Cell[] =
      kind === 'cash'
        ? [money(fen), '', '', '', '', '']
        : kind === 'goods'
          ? [
              '',
              (l.goods_name as string) ?? '',
              l.quantity === null ? '' : Number(l.quantity),
              (l.unit as string) ?? '',
              money(fen),
              '',
            ]
          : ['', '', '', '', '', hoursCell(Number(l.service_centihours))];
    const id = Number(l.activity_id);
    lBy.set(id, [...(lBy.get(id) ?? []), [...cells, source]]);
  }
  const rows: Cell[][] = [];
  for (const a of acts) {
    const ts = tBy.get(a.id) ?? [];
    const ls = lBy.get(a.id) ?? [];
    for (let i = 0; i < Math.max(ts.length, ls.length, 1); i++)
      rows.push([
        a.ref,
        a.occurred_on,
        a.org,
        KIND_LABELS[a.kind],
        ...(ts[i] ?? ['', '']),
        ...(ls[i] ?? ['', '', '', '', '', '', '']),
      ]);
  }
  return { headers: ACTIVITY_COLUMNS.map((c) => c.zh), rows };
}

/**
 * The viewer's activities of a date range (open ends: all of them) as a re-importable CSV or xlsx with its file
 * name. ID numbers leave in clear, so the export is audited.
 */
export async function exportActivitiesFile(x: {
  db: Db;
  cipher: PersonalDataCipher;
  now: Date;
  viewer: Viewer;
  s: Scope;
  format: 'csv' | 'xlsx';
  from: string | null;
  to: string | null;
}): Promise<{ bytes: Uint8Array; name: string }> {
  const range = { from: x.from ?? '0000-01-01', to: x.to ?? '9999-12-31' };
  const { headers, rows } = await exportActivities(x.db, x.cipher, x.s, range);
  const changes = { ...range, rows: rows.length, format: x.format };
  await auditInsert(x.db, { actorUserId: x.viewer.id, action: 'export', entity: 'activity', changes }, x.now);
  const bytes = x.format === 'csv' ? writeCsv(headers, rows) : await writeXlsx('帮扶活动', headers, rows);
  const span = x.from === null && x.to === null ? businessDate(x.now) : `${range.from}至${range.to}`;
  return { bytes, name: `帮扶活动-${span}.${x.format}` };
}
