import { sql } from 'drizzle-orm';
import { changedRows } from '../db/types.js';
import { addDays, businessDate, shanghaiInstant } from '../domain/dates.js';
import { translator } from '../lib/i18n/index.js';
import { volunteerLocale } from '../modules/notices/queue.js';
import type { Job } from './registry.js';

/**
 * Queues a reminder for every confirmed sign-up on tomorrow's shifts, once per sign-up (the idempotency key),
 * never before 18:00 Shanghai on the day before; volunteers who opted out of the channel get none.
 */
export const shiftRemindersJob: Job = {
  name: 'shift-reminders',
  cron: '0 18 * * *',
  async run({ db, now }) {
    const today = businessDate(now);
    const tomorrow = addDays(today, 1);
    const due = Math.max(now.getTime(), shanghaiInstant(today, '18:00').getTime());
    // The body template is filled in SQL so the whole day is one statement; each volunteer's in their language.
    const parts = (locale: 'zh' | 'en') => {
      const t = translator(locale);
      // Two control characters no translation contains mark where the shift and the place go.
      const filled = t('shifts.notice.reminder.body', { shift: '\u0000', place: '\u0001' });
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the markers above, on purpose
      const [before, middle, after] = filled.split(/[\u0000\u0001]/);
      return { subject: t('shifts.notice.reminder.subject'), before, middle, after };
    };
    const [zh, en] = [parts('zh'), parts('en')];
    const english = sql`${volunteerLocale(sql`v`)} = 'en'`;
    const pick = (key: 'subject' | 'before' | 'middle' | 'after') =>
      sql`case when ${english} then ${en[key]} else ${zh[key]} end`;
    const result = await db.run(sql`
      insert into outbox (volunteer_id, channel, recipient, subject, body, status, attempts, next_attempt_at, idempotency_key, created_at)
      select v.id, 'sms', v.mobile_enc, ${pick('subject')},
        ${pick('before')} || sh.date || ' ' || sh.start_time || ' ' || sh.title || ${pick('middle')} || coalesce(sh.place, o.name) || ${pick('after')},
        'pending', 0, ${due}, 'reminder:' || su.id, ${now.getTime()}
      from shift_signups su
      join shifts sh on sh.id = su.shift_id
      join organisations o on o.id = sh.organisation_id
      join volunteers v on v.id = su.volunteer_id
      where sh.date = ${tomorrow} and sh.status = 'open' and su.status = 'confirmed'
        and not exists (select 1 from notification_opt_outs x where x.volunteer_id = v.id and x.channel = 'sms')
      on conflict (idempotency_key) do nothing`);
    return { date: tomorrow, queued: changedRows(result) };
  },
};
