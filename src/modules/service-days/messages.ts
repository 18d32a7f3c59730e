/** Service days (集中工作日), their templates, the county's overview and moves, and the volunteer's home. */
export const zhServiceDays = {
  'serviceDays.owner.stationDay': '社工站集中工作日',
  'serviceDays.owner.station': '社工站班次',
  'serviceDays.owner.organisation': '组织自有班次',
};

export const enServiceDays: { readonly [K in keyof typeof zhServiceDays]: string } = {
  'serviceDays.owner.stationDay': "Station's service day",
  'serviceDays.owner.station': "Station's shift",
  'serviceDays.owner.organisation': "Organisation's own shift",
};
