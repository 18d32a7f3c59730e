export const zhAgreements = {
  'recipients.agreement.mismatch': '协议类型与供养方式不符',
  'recipients.agreementEndsOn': '协议到期日',
  'recipients.agreementEndsHint': '留空：按本县设定的默认期限计算；本县未设定期限则长期有效。',
  'recipients.allAgreements': '全部协议状态',
  'recipients.error.agreementThree': '集中供养应签三方协议（乡镇、供养机构、特困人员），不能签四方协议。',
  'recipients.error.agreementFour': '分散供养应签四方协议（乡镇、村委会、监护人或照料人、特困人员），不能签三方协议。',
  'recipients.error.agreementEnds': '协议到期日须晚于签订日期。',
  'recipients.error.agreementEndsAlone': '填写协议到期日时须同时填写签订日期和协议类型。',
  'agreements.title': '照料护理协议签订情况',
  'agreements.link': '各乡镇协议签订情况',
  'agreements.rule':
    '按在册特困人员统计：无协议类型或签订日期为未签；协议类型与供养方式不符（集中供养签三方、分散供养签四方）为类型不符，不计为已签；到期日当天起为已过期；其余为已签有效。签约率 = 已签有效 ÷ 在册人数。',
  'agreements.township': '乡镇',
  'agreements.active': '在册',
  'agreements.ok': '已签有效',
  'agreements.missing': '未签',
  'agreements.expired': '已过期',
  'agreements.mismatch': '类型不符',
  'agreements.rate': '签约率',
  'agreements.total': '全县合计',
  'agreements.term': '协议默认期限（年）',
  'agreements.termHint': '留空表示协议长期有效（录入了到期日的除外）。只用于此后新录入的协议，已录入的协议不变。',
  'agreements.termNone': '本县未设定默认期限：协议长期有效，录入了到期日的到期失效。',
  'agreements.termYears': '本县默认期限 {years} 年：新录入的协议未填到期日时，按签订日期加 {years} 年计算。',
  'agreements.termSaved': '协议默认期限已保存。',
  'agreements.error.term': '请填写 1 到 30 之间的整数年数，或留空。',
  'dashboard.agreementOk': '照料护理协议已签有效',
  'dashboard.agreementExpired': '照料护理协议已过期',
  'dashboard.agreementMismatch': '协议类型与供养方式不符',
} as const;

export const enAgreements: { readonly [K in keyof typeof zhAgreements]: string } = {
  'recipients.agreement.mismatch': 'Agreement type does not match the support mode',
  'recipients.agreementEndsOn': 'Ends on',
  'recipients.agreementEndsHint':
    "Leave blank for the county's default term; without one the agreement runs until replaced.",
  'recipients.allAgreements': 'Any agreement status',
  'recipients.error.agreementThree':
    'Nursing-home support signs the three-party agreement (township, institution, recipient), not the four-party one.',
  'recipients.error.agreementFour':
    'Home support signs the four-party agreement (township, village committee, guardian or carer, recipient), not the three-party one.',
  'recipients.error.agreementEnds': 'The end date must be after the signing date.',
  'recipients.error.agreementEndsAlone': 'An end date needs the agreement type and the signing date too.',
  'agreements.title': 'Care agreements by township',
  'agreements.link': 'Care agreements by township',
  'agreements.rule':
    'Counted over active recipients: without a type or a signing date it is missing; a type that does not match the support mode (nursing home: three-party, at home: four-party) is mismatched and does not count as signed; from its end date on it is expired; otherwise it is signed. Signing rate = signed ÷ active recipients.',
  'agreements.township': 'Township',
  'agreements.active': 'Active',
  'agreements.ok': 'Signed',
  'agreements.missing': 'Missing',
  'agreements.expired': 'Expired',
  'agreements.mismatch': 'Type mismatched',
  'agreements.rate': 'Signing rate',
  'agreements.total': 'County total',
  'agreements.term': 'Default agreement term (years)',
  'agreements.termHint':
    'Leave blank for agreements without expiry (unless an end date is entered). Applies to agreements entered from now on; those already entered stay as they are.',
  'agreements.termNone':
    'The county sets no default term: agreements run until replaced, those with an end date expire on it.',
  'agreements.termYears':
    'The county’s default term is {years} years: an agreement entered without an end date ends {years} years after signing.',
  'agreements.termSaved': 'Default agreement term saved.',
  'agreements.error.term': 'Enter a whole number of years from 1 to 30, or leave it blank.',
  'dashboard.agreementOk': 'Care agreements signed',
  'dashboard.agreementExpired': 'Care agreements expired',
  'dashboard.agreementMismatch': 'Agreement type does not match the support mode',
};
