/** Strings of the field tools: tap-to-call, kept submissions, outcome rules, corrections, station tasks. */
export const zhField = {
  'call.title': '拨打照护人',
  'call.lead': '点击下方号码即可拨打。本次查看号码已记录。',
  'call.link': '拨打 {name} {mobile}',
  'call.back': '返回走访名单',
} as const;

export const enField: { readonly [K in keyof typeof zhField]: string } = {
  'call.title': 'Call the caregiver',
  'call.lead': 'Tap the number below to call. This look-up of the number has been recorded.',
  'call.link': 'Call {name} {mobile}',
  'call.back': 'Back to the visit list',
};
