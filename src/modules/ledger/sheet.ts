import type { ActivityKind } from '../../db/schema/index.js';
import type { FundingSource } from '../../domain/vocabulary.js';
import { type Column, headerIn } from '../../lib/spreadsheet/index.js';

/** The activities spreadsheet (decision 0066): one row per ledger line, grouped into activities by 活动编号. */
export const ACTIVITY_COLUMNS = [
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
] as const satisfies readonly Column[];

export type ActivityField = (typeof ACTIVITY_COLUMNS)[number]['field'];
export type ActivitySheetRow = Record<ActivityField, string>;

/** The header of a field, as the errors name it. */
export const headerOf = headerIn(ACTIVITY_COLUMNS);

/** 资金来源 as the county writes it, for every line of the row; empty (or 未注明) is no source. */
export const SOURCE_LABELS: Record<FundingSource, string> = {
  care_subsidy: '护理补贴统筹',
  fiscal: '财政专项',
  donation: '社会捐赠',
  self_raised: '组织自筹',
  other: '其他',
};

export const KIND_LABELS: Record<ActivityKind, string> = {
  home_visit: '入户走访',
  care: '关爱帮扶',
  condolence: '真情慰问',
  other: '其他',
};

export const HOUSEHOLD = '分散供养户';
export const NURSING_HOME = '敬老院';
