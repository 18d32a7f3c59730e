import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { ACTIVITY_KINDS, type ActivityKind, activities, organisations } from '../../db/schema/index.js';
import { fitParams } from '../../db/types.js';
import { parseHundredths } from '../../domain/money.js';
import { FUNDING_SOURCES, type FundingSource } from '../../domain/vocabulary.js';
import type { MessageKey, Translate } from '../../lib/i18n/index.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import type { Scope } from '../../lib/scope.js';
import {
  type Cell,
  type Column,
  hoursCell,
  mapColumns,
  money,
  readTable,
  rowValues,
  SpreadsheetError,
} from '../../lib/spreadsheet/index.js';
import { ledgerWhere } from './policy.js';
import {
  type ActivityInput,
  activityStatements,
  contentHash,
  type LineInput,
  randomNonce,
  resolveActivity,
} from './service.js';

type Field =
  | 'ref'
  | 'date'
  | 'organisation'
  | 'kind'
  | 'targetKind'
  | 'target'
  | 'cash'
  | 'goodsName'
  | 'quantity'
  | 'unit'
  | 'goodsValue'
  | 'hours'
  | 'source';

/** The activities spreadsheet (decision 0066): one row per ledger line, grouped into activities by 活动编号. */
export const ACTIVITY_COLUMNS: readonly Column<Field>[] = [
  { field: 'ref', zh: '活动编号', en: 'activity_ref', required: true },
  { field: 'date', zh: '日期', en: 'date', required: true },
  { field: 'organisation', zh: '组织', en: 'organisation', required: true },
  { field: 'kind', zh: '活动类型', en: 'kind', required: true },
  { field: 'targetKind', zh: '对象类型', en: 'target_kind' },
  { field: 'target', zh: '对象', en: 'target' },
  { field: 'cash', zh: '资金(元)', en: 'cash_yuan' },
  { field: 'goodsName', zh: '物资名称', en: 'goods_name' },
  { field: 'quantity', zh: '数量', en: 'quantity' },
  { field: 'unit', zh: '单位', en: 'unit' },
  { field: 'goodsValue', zh: '物资折价(元)', en: 'goods_value_yuan' },
  { field: 'hours', zh: '服务时长(小时)', en: 'service_hours' },
  // Optional: a file without it imports as before, its lines 未注明.
  { field: 'source', zh: '资金来源', en: 'funding_source' },
];

/** 资金来源 as the county writes it (or the stored code), for every line of the row; empty is 未注明. */
const SOURCE_LABELS: Record<string, FundingSource> = {
  护理补贴统筹: 'care_subsidy',
  财政专项: 'fiscal',
  社会捐赠: 'donation',
  组织自筹: 'self_raised',
  其他: 'other',
};
const SOURCE_TEXT = Object.fromEntries(Object.entries(SOURCE_LABELS).map(([k, v]) => [v, k])) as Record<
  FundingSource,
  string
>;
const sourceOf = (text: string): FundingSource | null | undefined =>
  text === '' || text === '未注明'
    ? null
    : (SOURCE_LABELS[text] ??
      ((FUNDING_SOURCES as readonly string[]).includes(text) ? (text as FundingSource) : undefined));

const KIND_LABELS: Record<string, ActivityKind> = {
  入户走访: 'home_visit',
  关爱帮扶: 'care',
  真情慰问: 'condolence',
  其他: 'other',
};
const KIND_TEXT: Record<ActivityKind, string> = {
  home_visit: '入户走访',
  care: '关爱帮扶',
  condolence: '真情慰问',
  other: '其他',
};
const HOUSEHOLD = '分散供养户';
const NURSING_HOME = '敬老院';

export interface RowError {
  row: number;
  message: MessageKey;
  params?: Record<string, string | number>;
}

export type ImportResult = { ok: true; created: number; unchanged: number } | { ok: false; errors: RowError[] };

interface Group {
  ref: string;
  firstRow: number;
  date: string;
  organisation: string;
  kind: ActivityKind;
  recipientIds: number[];
  nursingHomeIds: number[];
  lines: LineInput[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const normalDate = (s: string) =>
  s
    .replace(/[/.]/g, '-')
    .replace(/^(\d{4})-(\d{1,2})-(\d{1,2})$/, (_, y, m, d) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);

/**
 * Imports activities from CSV or .xlsx, all or nothing: every row is checked first, and the new activities are
 * written in one batch. An activity already imported with the same 活动编号 and content is left as it is.
 */
export async function importActivities(
  db: Db,
  cipher: PersonalDataCipher,
  file: { bytes: Uint8Array; name: string },
  meta: { actorUserId: number | null; now: Date },
): Promise<ImportResult> {
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(file.bytes, file.name);
  } catch (e) {
    if (e instanceof SpreadsheetError) {
      const message: MessageKey =
        e.reason === 'too_large'
          ? 'import.tooLarge'
          : e.reason === 'too_many_rows'
            ? 'import.tooManyRows'
            : 'import.unreadable';
      return { ok: false, errors: [{ row: 1, message }] };
    }
    throw e;
  }
  const map = mapColumns(table.headers, ACTIVITY_COLUMNS);
  if (map.missing.length)
    return {
      ok: false,
      errors: [
        { row: 1, message: 'import.missingColumns', params: { columns: map.missing.map((c) => c.zh).join('、') } },
      ],
    };

  const orgRows = await db.select({ id: organisations.id, name: organisations.name }).from(organisations);
  const orgsByName = new Map<string, number[]>();
  for (const o of orgRows) orgsByName.set(o.name, [...(orgsByName.get(o.name) ?? []), o.id]);
  const homeRows = await db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations);
  const homesByName = new Map(homeRows.filter((h) => h.kind === 'nursing_home').map((h) => [h.name, h.id]));

  const errors: RowError[] = [];
  const groups = new Map<string, Group>();
  const idHashes = new Map<string, number[]>(); // hash → rows needing it
  const pendingTargets: { row: number; ref: string; hash: string }[] = [];

  for (const { rowNumber: row, cells } of table.rows) {
    const v = rowValues(cells, map, ACTIVITY_COLUMNS);
    if (Object.values(v).every((x) => x === '')) continue;
    const err = (message: MessageKey, params?: Record<string, string | number>) =>
      errors.push({ row, message, params });
    if (!v.ref) {
      err('import.required', { column: '活动编号' });
      continue;
    }
    const date = normalDate(v.date);
    if (
      !DATE.test(date) ||
      Number.isNaN(new Date(`${date}T00:00:00Z`).getTime()) ||
      new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
    ) {
      err('import.badDate');
      continue;
    }
    const kind =
      KIND_LABELS[v.kind] ??
      ((ACTIVITY_KINDS as readonly string[]).includes(v.kind) ? (v.kind as ActivityKind) : undefined);
    if (!kind) {
      err('import.badKind');
      continue;
    }
    const orgIds = orgsByName.get(v.organisation) ?? [];
    if (orgIds.length !== 1) {
      err(orgIds.length ? 'import.ambiguousOrganisation' : 'import.unknownOrganisation', { name: v.organisation });
      continue;
    }
    const fundingSource = sourceOf(v.source);
    if (fundingSource === undefined) {
      err('import.badSource');
      continue;
    }
    let g = groups.get(v.ref);
    if (!g) {
      g = {
        ref: v.ref,
        firstRow: row,
        date,
        organisation: v.organisation,
        kind,
        recipientIds: [],
        nursingHomeIds: [],
        lines: [],
      };
      groups.set(v.ref, g);
    } else if (g.date !== date || g.organisation !== v.organisation || g.kind !== kind) {
      err('import.inconsistent', { ref: v.ref });
      continue;
    }

    if (v.target) {
      if (v.targetKind === NURSING_HOME) {
        const id = homesByName.get(v.target);
        if (id === undefined) err('import.unknownHome', { name: v.target });
        else if (!g.nursingHomeIds.includes(id)) g.nursingHomeIds.push(id);
      } else if (v.targetKind === HOUSEHOLD) {
        const hash = cipher.lookupHash(v.target.toUpperCase());
        pendingTargets.push({ row, ref: v.ref, hash });
        idHashes.set(hash, [...(idHashes.get(hash) ?? []), row]);
      } else err('import.badTargetKind');
    }
    if (v.cash) {
      const fen = parseHundredths(v.cash);
      if (fen === null || fen <= 0) err('import.badMoney', { column: '资金(元)' });
      else
        g.lines.push({
          kind: 'cash',
          amountFen: fen,
          goodsName: null,
          quantity: null,
          unit: null,
          serviceKind: null,
          serviceCentihours: 0,
          volunteers: null,
          fundingSource,
        });
    }
    if (v.goodsValue || v.goodsName) {
      const fen = parseHundredths(v.goodsValue);
      const qty = v.quantity === '' ? null : Number(v.quantity);
      if (fen === null || fen <= 0) err('import.badMoney', { column: '物资折价(元)' });
      else if (qty !== null && !Number.isFinite(qty)) err('import.badQuantity');
      else
        g.lines.push({
          kind: 'goods',
          amountFen: fen,
          goodsName: v.goodsName || null,
          quantity: qty,
          unit: v.unit || null,
          serviceKind: null,
          serviceCentihours: 0,
          volunteers: null,
          fundingSource,
        });
    }
    if (v.hours) {
      const ch = parseHundredths(v.hours);
      if (ch === null || ch <= 0) err('import.badHours');
      else
        g.lines.push({
          kind: 'service',
          amountFen: 0,
          goodsName: null,
          quantity: null,
          unit: null,
          serviceKind: null,
          serviceCentihours: ch,
          volunteers: null,
          fundingSource,
        });
    }
  }

  // Households by the keyed hash of their ID number (never decrypted, never logged).
  const hashes = [...idHashes.keys()];
  const found = new Map<string, number>();
  for (const chunk of fitParams(db, hashes, 1, 1)) {
    const rows = (await db.all(
      sql`SELECT id, id_number_hash AS h FROM recipients WHERE support_mode = 'home' AND id_number_hash IN (${sql.join(
        chunk.map((h) => sql`${h}`),
        sql`, `,
      )})`,
    )) as { id: number; h: string }[];
    for (const r of rows) found.set(r.h, Number(r.id));
  }
  for (const p of pendingTargets) {
    const id = found.get(p.hash);
    if (id === undefined) errors.push({ row: p.row, message: 'import.unknownRecipient' });
    else {
      const g = groups.get(p.ref)!;
      if (!g.recipientIds.includes(id)) g.recipientIds.push(id);
    }
  }
  for (const g of groups.values())
    if (g.recipientIds.length + g.nursingHomeIds.length === 0)
      errors.push({ row: g.firstRow, message: 'import.noTarget', params: { ref: g.ref } });
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.row - b.row).slice(0, 200) };

  const inputs = [...groups.values()].map((g) => ({
    g,
    input: {
      organisationId: orgsByName.get(g.organisation)![0],
      occurredOn: g.date,
      kind: g.kind,
      serviceDayId: null,
      shiftId: null,
      note: null,
      recipientIds: g.recipientIds,
      nursingHomeIds: g.nursingHomeIds,
      lines: g.lines,
      externalRef: g.ref,
    } satisfies ActivityInput,
  }));
  // Already imported: unchanged when the content matches, an error when it does not.
  const existing = new Map<string, string>();
  const refs = inputs.map((x) => x.g.ref);
  for (const chunk of fitParams(db, refs, 1)) {
    const rows = await db
      .select({ ref: activities.externalRef, hash: activities.contentHash })
      .from(activities)
      .where(inArray(activities.externalRef, chunk));
    for (const r of rows) existing.set(r.ref!, r.hash);
  }
  const fresh = [];
  let unchanged = 0;
  for (const x of inputs) {
    const had = existing.get(x.g.ref);
    if (had === undefined) fresh.push(x);
    else if (had === contentHash(x.input)) unchanged += 1;
    else errors.push({ row: x.g.firstRow, message: 'import.changed', params: { ref: x.g.ref } });
  }
  if (errors.length) return { ok: false, errors };
  const statements = [];
  for (const x of fresh) {
    const resolved = await resolveActivity(db, x.input);
    if (typeof resolved === 'string')
      return { ok: false, errors: [{ row: x.g.firstRow, message: 'import.noTarget', params: { ref: x.g.ref } }] };
    statements.push(
      ...activityStatements(db, x.input, resolved, {
        idempotencyKey: `import:${x.g.ref}`,
        actorUserId: meta.actorUserId,
        now: meta.now,
        nonce: randomNonce(),
      }),
    );
  }
  if (statements.length) await db.batch(statements as unknown as Parameters<typeof db.batch>[0]);
  return { ok: true, created: fresh.length, unchanged };
}

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
    const source = l.funding_source ? SOURCE_TEXT[l.funding_source as FundingSource] : '';
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
        KIND_TEXT[a.kind],
        ...(ts[i] ?? ['', '']),
        ...(ls[i] ?? ['', '', '', '', '', '', '']),
      ]);
  }
  return { headers: ACTIVITY_COLUMNS.map((c) => c.zh), rows };
}

export function rowErrorText(t: Translate, e: RowError): string {
  return t('import.row', { row: e.row, message: t(e.message, e.params) });
}
