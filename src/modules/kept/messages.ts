/** Strings of the kept-submission pages. */
export const zhKept = {
  'kept.title': '继续提交',
  'kept.lead': '登录过期前您填写并提交的内容已保留，尚未保存。点击下方按钮即可按原样提交。',
  'kept.send': '提交保留的内容',
  'kept.discard': '放弃，返回首页',
  'kept.none': '没有保留的内容（已提交、已超过一小时，或不属于当前账号）。',
  'kept.home': '返回首页',
  'kept.loginAgain': '登录已过期。您刚才提交的内容已保留，重新登录后即可继续提交。',
  'kept.form': '表单',
  'kept.form.outcome': '走访结果登记',
  'kept.form.correction': '更正走访记录',
  'kept.form.stationVisit': '社工站登记走访',
  'kept.form.results': '录入交回的路线单',
  'kept.form.other': '其他表单',
  'kept.household': '走访对象',
  'kept.when': '填写时间',
  'kept.at': '{date} {time}（北京时间）',
} as const;

export const enKept: { readonly [K in keyof typeof zhKept]: string } = {
  'kept.title': 'Continue submitting',
  'kept.lead':
    'What you filled in and sent before your login expired was kept; it is not saved yet. Send it as it was:',
  'kept.send': 'Send the kept form',
  'kept.discard': 'Discard it and go home',
  'kept.none': 'Nothing is kept (it was sent, it is over an hour old, or it belongs to another account).',
  'kept.home': 'Home',
  'kept.loginAgain': 'Your login expired. What you just sent was kept: log in again to continue.',
  'kept.form': 'Form',
  'kept.form.outcome': 'Visit outcome',
  'kept.form.correction': 'Visit correction',
  'kept.form.stationVisit': "Station's visit record",
  'kept.form.results': 'Returned route sheet',
  'kept.form.other': 'Another form',
  'kept.household': 'Household',
  'kept.when': 'Filled in',
  'kept.at': '{date} {time} (Beijing time)',
};
