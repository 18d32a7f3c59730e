/**
 * Jobs declare their schedule in Asia/Shanghai time (node-cron takes a timezone); Workers cron triggers
 * are UTC only. China has no daylight saving, so the shift is a constant 8 hours. Only the simple forms
 * the jobs use are converted ("M H * * *" and "M H * * D"); anything else is refused rather than guessed.
 */
export function shanghaiCronToUtc(expr: string): string {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron "${expr}": five fields expected`);
  const [min, hour, dom, month, dow] = parts as [string, string, string, string, string];
  // Every hour of every day ("* * * * *", "*/5 * * * *") is the same in any time zone.
  if (hour === '*' && dom === '*' && month === '*' && dow === '*') return parts.join(' ');
  if (!/^\d+$/.test(min) || !/^\d+$/.test(hour) || dom !== '*' || month !== '*') {
    throw new Error(`cron "${expr}": only "M H * * *" or "M H * * D" can be converted to UTC`);
  }
  let h = Number(hour) - 8;
  let dayShift = 0;
  if (h < 0) {
    h += 24;
    dayShift = -1;
  }
  let utcDow = dow;
  if (dow !== '*') {
    if (!/^\d$/.test(dow)) throw new Error(`cron "${expr}": day of week must be one digit or *`);
    utcDow = String((Number(dow) + 7 + dayShift) % 7);
  }
  return `${Number(min)} ${h} * * ${utcDow}`;
}
