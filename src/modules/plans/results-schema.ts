import type { FormValues } from '../../lib/form.js';

/** Fields of one household's row on the returned-sheet form: the phone's outcome form, prefixed per row. */
export const RESULT_FIELDS = [
  'outcome',
  'notes',
  'needCategory',
  'needUrgency',
  'needText',
  'aidCash',
  'aidGoodsName',
  'aidGoodsQuantity',
  'aidGoodsUnit',
  'aidGoodsValue',
  'aidSource',
] as const;

/** The form name of a row's field: `r<assignment id>.<field>`. */
export const resultField = (assignmentId: number, field: (typeof RESULT_FIELDS)[number]) => `r${assignmentId}.${field}`;

/** One row's values, unprefixed, as the phone's outcome form reads them. */
export function rowValues(values: FormValues, assignmentId: number): FormValues {
  const row: FormValues = {};
  for (const f of RESULT_FIELDS) {
    const v = values[resultField(assignmentId, f)];
    if (v !== undefined) row[f] = Array.isArray(v) ? (v[0] ?? '') : v;
  }
  return row;
}

/** A row left empty: the sheet came back without that household filled in, so it is skipped, not refused. */
export function blankRow(row: FormValues): boolean {
  // A funding source or an urgency alone (selects with a default) is no result.
  return RESULT_FIELDS.every((f) => f === 'needUrgency' || f === 'aidSource' || !String(row[f] ?? '').trim());
}
