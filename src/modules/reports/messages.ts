/** The annual summary's new strings (definitions, funding sources, voids), zh and en. */
export const zhReports = {
  // Whether this language states sums from 1 万元 up in 万元 (the seed's style); below that, and otherwise, exact 元.
  'report.amountInWan': 'yes',
  'report.amountWan': '{wan}万元',
  'report.amountYuan': '{yuan}元',
  'report.m.volunteer_hours': '志愿服务时长（小时）',
  'report.m.volunteers_serving': '服务志愿者（人）',
  'report.group.source': '资金来源',
  'report.bySource': '分资金来源',
  'report.col.source': '资金来源',
  'report.howTitle': '这些数字怎样统计',
  'report.how.events':
    '帮扶次数：一个组织在一天的一次帮扶活动算一次；集中工作日同一班次里一个组织的全部走访和帮扶合计一次，不论走访多少户；导入的同一活动编号算一次。已作废的活动不计。',
  'report.how.households':
    '分散供养户：年内至少有一次社会组织或乡镇社工站“已走访”的走访，或出现在未作废帮扶活动中的分散供养特困人员户数，去重计。守望之家（小组长、党员、志愿者、村医）的照护走访不计入此数，另见走访合规。',
  'report.how.homes': '敬老院：出现在未作废帮扶活动中，或其供养对象在年内被社会组织或社工站走访的敬老院，去重计。',
  'report.how.orgs': '社会组织、乡镇社工站：年内至少有一次帮扶活动或一次计入的走访的组织，去重计。',
  'report.how.money':
    '资金、物资折价：未冲销、未作废的记录之和（冲销记录抵消原记录）；服务时长为服务记录的时长；志愿服务时长为班次中经确认的时长，服务志愿者为有确认时长的志愿者人数。',
  'report.how.township':
    '分乡镇：按被帮扶户（或敬老院）所在乡镇统计，不按组织所在地；乡镇社工站看到本乡镇发生的全部活动，不论由谁组织。同一活动涉及多个乡镇的户时，资金物资记在第一户所在乡镇。',
  'report.how.source': '分资金来源：每条记录登记时选择的来源；未选择或导入时无该列的记为“未注明”。',
  'fundingSource.care_subsidy': '护理补贴统筹',
  'fundingSource.fiscal': '财政专项',
  'fundingSource.donation': '社会捐赠',
  'fundingSource.self_raised': '组织自筹',
  'fundingSource.other': '其他',
  'fundingSource.unspecified': '未注明',
  'line.source': '资金来源',
  'line.badSource': '请从列表中选择资金来源。',
  'import.badSource': '资金来源应为 护理补贴统筹、财政专项、社会捐赠、组织自筹 或 其他（可留空）。',
  'activity.void': '作废此活动',
  'activity.voidReason': '作废原因',
  'activity.voidHint':
    '作废后该活动的全部记录被冲销，不再计入任何统计，仍保留在历史中。帮扶对象录错时，作废后重新登记。',
  'activity.voidSubmit': '作废',
  'activity.voided': '已作废',
  'activity.voidedOn': '已于 {date} 作废，原因：{reason}',
  'activity.voidNeedsReason': '请填写作废原因。',
  'activity.alreadyVoided': '该活动已作废。',
  'activity.reRecord': '作废并重新登记（表单已预填）',
  'activity.reRecordFrom': '正在按已作废的活动 #{id} 重新登记：请改正后保存。',
} as const;

export const enReports: { readonly [K in keyof typeof zhReports]: string } = {
  'report.amountInWan': 'no',
  'report.amountWan': '{wan} × 10,000 yuan',
  'report.amountYuan': '{yuan} yuan',
  'report.m.volunteer_hours': 'Volunteer hours',
  'report.m.volunteers_serving': 'Volunteers serving',
  'report.group.source': 'Funding source',
  'report.bySource': 'By funding source',
  'report.col.source': 'Funding source',
  'report.howTitle': 'How these figures are counted',
  'report.how.events':
    "Assistance events: one organisation's activity on one date counts once; all of one organisation's visits and aid on one service-day shift count once, however many households; an imported activity number counts once. Voided activities are left out.",
  'report.how.households':
    'Households: home-supported households with at least one visit ended "visited" by a social organisation or a township station in the year, or named on an activity that is not voided, each counted once. Care visits of the 守望之家 (group leaders, party members, volunteers, village doctors) are not counted here; see visit compliance.',
  'report.how.homes':
    'Nursing homes: those named on an activity that is not voided, or whose residents were visited by a social organisation or a station, each counted once.',
  'report.how.orgs':
    'Social organisations and stations: those with at least one activity or one counted visit in the year, each counted once.',
  'report.how.money':
    'Cash and goods: the sum of lines neither reversed nor voided (a reversal cancels its line); service hours are those of service lines; volunteer hours are the confirmed hours on shifts, and volunteers serving those with any.',
  'report.how.township':
    "By township: by the township of the household (or nursing home) reached, not of the organiser; a station sees every activity in its township, whoever organised it. When one activity reaches households of several townships, its money is filed under the first household's.",
  'report.how.source':
    'By funding source: the source chosen for each line; lines without one (or imported without the column) are "not stated".',
  'fundingSource.care_subsidy': 'Pooled care subsidy',
  'fundingSource.fiscal': 'Dedicated public funds',
  'fundingSource.donation': 'Public donations',
  'fundingSource.self_raised': "Organisation's own funds",
  'fundingSource.other': 'Other',
  'fundingSource.unspecified': 'Not stated',
  'line.source': 'Funding source',
  'line.badSource': 'Choose a funding source from the list.',
  'import.badSource': 'The funding source must be 护理补贴统筹, 财政专项, 社会捐赠, 组织自筹 or 其他 (or left empty).',
  'activity.void': 'Void this activity',
  'activity.voidReason': 'Reason for voiding',
  'activity.voidHint':
    'Voiding reverses all its lines; it then counts nowhere and stays in the history. A wrong recipient is corrected by voiding and recording again.',
  'activity.voidSubmit': 'Void',
  'activity.voided': 'Voided',
  'activity.voidedOn': 'Voided on {date}: {reason}',
  'activity.voidNeedsReason': 'Give the reason for voiding.',
  'activity.alreadyVoided': 'This activity is already voided.',
  'activity.reRecord': 'Void and record again (form filled in)',
  'activity.reRecordFrom': 'Recording again from voided activity #{id}: correct it and save.',
};
