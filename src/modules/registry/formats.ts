import type { Column } from '../../lib/spreadsheet/index.js';

/** The registers' spreadsheet columns: Chinese headers as counties write them, English aliases accepted too. */
export const ORGANISATION_COLUMNS = [
  { field: 'name', zh: '名称', en: 'name', required: true },
  { field: 'kind', zh: '类型', en: 'kind', required: true },
  { field: 'township', zh: '乡镇', en: 'township' },
  { field: 'credit_code', zh: '统一社会信用代码', en: 'credit_code' },
  { field: 'incubation_stage', zh: '孵化状态', en: 'incubation_stage' },
  { field: 'incubation_year', zh: '入驻年份', en: 'incubation_year' },
  { field: 'contact_name', zh: '联系人', en: 'contact_name' },
  { field: 'contact_phone', zh: '联系电话', en: 'contact_phone' },
  // 守望之家 only: the villages it covers, separated by 、 or ;
  { field: 'villages', zh: '覆盖村', en: 'villages' },
] as const satisfies readonly Column[];

export const VOLUNTEER_COLUMNS = [
  { field: 'name', zh: '姓名', en: 'name', required: true },
  { field: 'mobile', zh: '手机号', en: 'mobile', required: true },
  { field: 'township', zh: '乡镇', en: 'township' },
  { field: 'organisation', zh: '所属组织', en: 'organisation' },
  { field: 'skills', zh: '技能', en: 'skills' },
  { field: 'party_member', zh: '党员', en: 'party_member' },
] as const satisfies readonly Column[];

export const RECIPIENT_COLUMNS = [
  { field: 'name', zh: '姓名', en: 'name', required: true },
  { field: 'id_number', zh: '身份证号', en: 'id_number', required: true },
  { field: 'township', zh: '乡镇', en: 'township', required: true },
  { field: 'village', zh: '村(社区)', en: 'village' },
  { field: 'support_mode', zh: '供养方式', en: 'support_mode', required: true },
  { field: 'care_level', zh: '自理能力', en: 'care_level', required: true },
  { field: 'nursing_home', zh: '供养机构', en: 'nursing_home' },
  { field: 'caregiver_name', zh: '照料人', en: 'caregiver_name' },
  { field: 'caregiver_mobile', zh: '照料人电话', en: 'caregiver_mobile' },
  { field: 'agreement', zh: '协议类型', en: 'agreement' },
  { field: 'agreement_signed_on', zh: '协议签订日期', en: 'agreement_signed_on' },
  { field: 'agreement_ends_on', zh: '协议到期日', en: 'agreement_ends_on' },
] as const satisfies readonly Column[];

/** A visit log (走访记录): imported only, keyed by household, day and unit. */
export const VISIT_COLUMNS = [
  { field: 'date', zh: '日期', en: 'date', required: true },
  { field: 'id_number', zh: '身份证号', en: 'id_number', required: true },
  { field: 'unit', zh: '走访单位', en: 'unit', required: true },
  { field: 'visitor', zh: '走访人', en: 'visitor' },
  { field: 'outcome', zh: '结果', en: 'outcome', required: true },
  { field: 'need', zh: '需求', en: 'need' },
  { field: 'notes', zh: '备注', en: 'notes' },
] as const satisfies readonly Column[];

export const REGISTERS = ['organisations', 'volunteers', 'recipients', 'visits'] as const;
export type Register = (typeof REGISTERS)[number];

/** Download names say what the file is (特困人员名册-2026-12-01.csv), whatever the page's language. */
export const REGISTER_FILE_NAMES: Record<Register, string> = {
  organisations: '组织名册',
  volunteers: '志愿者名册',
  recipients: '特困人员名册',
  visits: '走访记录',
};

export type Fields<C extends readonly Column[]> = C[number]['field'];
export type RowOf<C extends readonly Column[]> = Record<Fields<C>, string>;
