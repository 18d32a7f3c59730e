import { excelSerialToDate } from '../../lib/spreadsheet/index.js';

/** Maps a cell to one of a fixed set of values by its Chinese label or its code; undefined when unknown. */
export function choiceFrom<T extends string>(text: string, labels: Record<T, string>): T | undefined {
  const v = text.trim();
  for (const [code, label] of Object.entries(labels) as [T, string][])
    if (v === label || v.toLowerCase() === code) return code;
  return undefined;
}

/** YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日, or an Excel serial date; undefined when none of these. */
export function dateFrom(text: string): string | undefined {
  const v = text.trim();
  if (/^\d{5}(\.\d+)?$/.test(v)) {
    const serial = Number(v);
    return serial > 0 && serial < 2958466 ? excelSerialToDate(Math.floor(serial)) : undefined;
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/**
 * Maps a cell to a code by any of its accepted words (the first is the one exports write) or by the code itself;
 * undefined when unknown. Spaces inside the cell are ignored (「半 失 能」 typed with spaces is still 半失能).
 */
export function choiceFromWords<T extends string>(text: string, words: Record<T, readonly string[]>): T | undefined {
  const v = text.replace(/[\s\u3000]+/g, '');
  for (const [code, list] of Object.entries(words) as [T, readonly string[]][])
    if (list.includes(v) || v.toLowerCase() === code) return code;
  return undefined;
}

/** Every accepted word of a choice, for the message that refuses an unknown one. */
export function wordsOf(words: Record<string, readonly string[]>): string {
  return Object.values(words).flat().join(' / ');
}

export function yesNoFrom(text: string): boolean | undefined {
  const v = text.trim().toLowerCase();
  if (['是', 'y', 'yes', 'true', '1'].includes(v)) return true;
  if (['否', 'n', 'no', 'false', '0', ''].includes(v)) return false;
  return undefined;
}

export const SUPPORT_MODE_LABELS = { home: '分散供养', institution: '集中供养' } as const;
export const CARE_LEVEL_LABELS = { self: '全自理', partial: '半失能', full: '全失能' } as const;
export const AGREEMENT_LABELS = { three: '三方', four: '四方' } as const;
/**
 * The words counties write for a self-care level: the app's own (first), the seed's care words (全护理 / 半护理) and
 * the statutory wording of the assessment (生活自理能力: 完全丧失 / 部分丧失 / 具备).
 */
export const CARE_LEVEL_WORDS = {
  self: ['全自理', '具备生活自理能力'],
  partial: ['半失能', '半护理', '部分丧失生活自理能力'],
  full: ['全失能', '全护理', '完全丧失生活自理能力'],
} as const satisfies Record<keyof typeof CARE_LEVEL_LABELS, readonly string[]>;
/** The agreement kinds, short (as exported) and as the agreements are titled. */
export const AGREEMENT_WORDS = {
  three: ['三方', '三方协议', '三方照料护理协议'],
  four: ['四方', '四方协议', '四方照料护理协议'],
} as const satisfies Record<keyof typeof AGREEMENT_LABELS, readonly string[]>;
export const ORGANISATION_KIND_LABELS = {
  social_org: '社会组织',
  station: '乡镇社工站',
  nursing_home: '敬老院',
  care_unit: '守望之家',
} as const;
/** A visit log's 结果, in the words the counties' sheets use; the pages' own words are accepted too. */
export const VISIT_OUTCOME_LABELS = {
  visited: '已走访',
  not_home: '不在家',
  refused: '拒绝',
  moved: '已搬迁',
  in_hospital: '住院',
  deceased: '已去世',
} as const;
export const VISIT_OUTCOME_ALIASES = {
  visited: '走访',
  not_home: '未遇',
  refused: '拒绝走访',
  moved: '已搬离',
  in_hospital: '住院中',
  deceased: '去世',
} as const;
export const INCUBATION_LABELS = {
  applied: '申请中',
  incubating: '孵化中',
  graduated: '出壳',
  withdrawn: '已退出',
} as const;
