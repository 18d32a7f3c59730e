/** Double aid seen in time: the activity form's warning and the county list. */
export const zhDoubleAid = {
  'doubleAid.title': '重复帮扶提醒',
  'doubleAid.hint':
    '同一户在{days}天内先后得到两个不同单位的资金或物资帮扶（不含已作废、已冲销的部分）。按后一次帮扶的月份列出。',
  'doubleAid.month': '月份',
  'doubleAid.badMonth': '请选择月份（如 2026-11）。',
  'doubleAid.warning': '所选对象在{days}天内已得到其他单位的资金或物资帮扶：',
  'doubleAid.item': '{name} · {date} · {body} · {amount}元',
  'doubleAid.confirmHint': '请核对是否重复帮扶。确认无误后再次点击“仍然保存”，此确认将记入操作日志。',
  'doubleAid.saveAnyway': '仍然保存',
  'doubleAid.household': '对象',
  'doubleAid.township': '乡镇',
  'doubleAid.earlier': '先一次帮扶',
  'doubleAid.later': '后一次帮扶',
  'doubleAid.daysApart': '相隔天数',
  'doubleAid.none': '本月没有重复帮扶的对象。',
  'doubleAid.link': '重复帮扶提醒',
} as const;

export const enDoubleAid: Record<keyof typeof zhDoubleAid, string> = {
  'doubleAid.title': 'Double aid',
  'doubleAid.hint':
    'Households that received cash or goods from two different bodies within {days} days (voided and reversed aid left out), listed by the month of the later aid.',
  'doubleAid.month': 'Month',
  'doubleAid.badMonth': 'Choose a month (e.g. 2026-11).',
  'doubleAid.warning': 'Within {days} days, another body already gave cash or goods to the chosen households:',
  'doubleAid.item': '{name} · {date} · {body} · {amount} yuan',
  'doubleAid.confirmHint':
    'Check this is not double aid. To save anyway, press “Save anyway” again; the confirmation is logged.',
  'doubleAid.saveAnyway': 'Save anyway',
  'doubleAid.household': 'Household',
  'doubleAid.township': 'Township',
  'doubleAid.earlier': 'Earlier aid',
  'doubleAid.later': 'Later aid',
  'doubleAid.daysApart': 'Days apart',
  'doubleAid.none': 'No household received double aid this month.',
  'doubleAid.link': 'Double aid',
};
