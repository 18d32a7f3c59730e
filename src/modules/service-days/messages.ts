/** Service days (集中工作日), their templates, the county's overview and moves, and the volunteer's home. */
export const zhServiceDays = {
  'serviceDays.owner.stationDay': '社工站集中工作日',
  'serviceDays.owner.station': '社工站班次',
  'serviceDays.owner.organisation': '组织自有班次',
  'serviceDays.templates.hint':
    '每个集中工作日（每月24、25日）按这些模板生成班次。新增、修改或删除后，尚无人报名、未手动修改的后续班次立即随之更新。',
  'serviceDays.templates.none': '还没有班次模板。在下方新增一个，之后每个集中工作日都会生成这个班次。',
  'serviceDays.templates.place': '地点（集合点）',
  'serviceDays.templates.owner': '所属社工站或组织',
  'serviceDays.templates.add': '新增模板',
  'serviceDays.templates.save': '保存模板',
  'serviceDays.templates.delete': '删除模板',
  'serviceDays.templates.deleteWhat':
    '删除后不再生成这个班次；尚无人报名、未手动修改的后续班次一并取消。已有人报名的班次保留。',
  'serviceDays.templates.deleteConfirm': '确认删除',
  'serviceDays.templates.keep': '保留，返回',
  'serviceDays.templates.created': '模板已新增，后续集中工作日的班次已生成。',
  'serviceDays.templates.saved': '模板已保存，尚无人报名、未手动修改的后续班次已更新。',
  'serviceDays.templates.deleted': '模板已删除，尚无人报名的后续班次已取消。',
  'serviceDays.templates.taken': '已有同一开始时间的模板。',
};

export const enServiceDays: { readonly [K in keyof typeof zhServiceDays]: string } = {
  'serviceDays.owner.stationDay': "Station's service day",
  'serviceDays.owner.station': "Station's shift",
  'serviceDays.owner.organisation': "Organisation's own shift",
  'serviceDays.templates.hint':
    'Every service day (the 24th and 25th) gets these shifts. Adding, changing or deleting one updates the coming shifts nobody has signed up for or edited by hand, at once.',
  'serviceDays.templates.none': 'No shift templates yet. Add one below and every service day gets that shift.',
  'serviceDays.templates.place': 'Place (meeting point)',
  'serviceDays.templates.owner': 'Station or organisation',
  'serviceDays.templates.add': 'Add template',
  'serviceDays.templates.save': 'Save template',
  'serviceDays.templates.delete': 'Delete template',
  'serviceDays.templates.deleteWhat':
    'The shift is no longer made; its coming shifts nobody signed up for or edited are cancelled. Shifts people hold stay.',
  'serviceDays.templates.deleteConfirm': 'Delete it',
  'serviceDays.templates.keep': 'Keep it, go back',
  'serviceDays.templates.created': 'Template added; the coming service days have its shift.',
  'serviceDays.templates.saved': 'Template saved; the coming untouched shifts were updated.',
  'serviceDays.templates.deleted': 'Template deleted; its coming untouched shifts were cancelled.',
  'serviceDays.templates.taken': 'There is already a template starting at that time.',
};
