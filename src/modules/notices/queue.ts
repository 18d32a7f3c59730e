import { type SQL, sql } from 'drizzle-orm';
import { type Translate, translator } from '../../lib/i18n/index.js';

/**
 * Notices are written to the outbox in the same batch as the change that causes them (so a crash never sends a
 * notice for a change that did not happen), and sent later by the deliver-outbox job through the senders.
 */

/** A volunteer's language, from their login (the language they last chose); Chinese when they have none. */
export const volunteerLocale = (volunteer: SQL) =>
  sql`coalesce((select u.locale from users u where u.id = ${volunteer}.user_id), 'zh')`;

/**
 * Queues a text message to a volunteer unless they opted out of the channel, in the volunteer's own language
 * (not the language of whoever caused it); the key makes it once only. The number goes in as stored, encrypted:
 * the sender decrypts it at send time, so the outbox holds no mobile in clear.
 */
export function queueNotice(opts: { key: string; volunteerWhere: SQL; text: NoticeText; now: Date }): SQL {
  const at = opts.now.getTime();
  const english = sql`${volunteerLocale(sql`v`)} = 'en'`;
  const { zh, en } = opts.text;
  return sql`insert into outbox (volunteer_id, channel, recipient, subject, body, status, attempts, next_attempt_at, idempotency_key, created_at)
    select v.id, 'sms', v.mobile_enc, case when ${english} then ${en.subject} else ${zh.subject} end,
      case when ${english} then ${en.body} else ${zh.body} end, 'pending', 0, ${at}, ${opts.key} || ':' || v.id, ${at}
    from volunteers v
    where ${opts.volunteerWhere}
      and not exists (select 1 from notification_opt_outs o where o.volunteer_id = v.id and o.channel = 'sms')
    on conflict (idempotency_key) do nothing`;
}

/** A notice in both languages; the outbox row takes the recipient's. */
export interface NoticeText {
  zh: { subject: string; body: string };
  en: { subject: string; body: string };
}

/** Writes a notice once per language from the same message keys. */
export function bilingual(make: (t: Translate) => { subject: string; body: string }): NoticeText {
  return { zh: make(translator('zh')), en: make(translator('en')) };
}
