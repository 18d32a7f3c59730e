import { sql } from 'drizzle-orm';
import { cipherFor, type PersonalDataCipher, storedKeyVersion } from '../lib/personal-data.js';
import { baseSenders, type OutgoingMessage } from '../modules/notices/senders.js';
import type { Job } from './registry.js';

export const MAX_ATTEMPTS = 6;
const BATCH = 50;
/** A claim older than this belonged to a runner that died mid-send: it is failed, never resent (no double send). */
const STALE_MS = 60 * 60 * 1000;

/**
 * An activation code is kept only as a hash (decision 0140): once its message leaves the queue (sent, logged or
 * given up), the outbox keeps no text of it either.
 */
const scrubbed = sql`body = case when idempotency_key like 'activation:%' then '' else body end`;

/** Minutes before retry n (1-based): 1, 2, 4, 8, 16 … capped at a day. */
export function backoffMs(attempts: number): number {
  return Math.min(2 ** (attempts - 1) * 60_000, 86_400_000);
}

/**
 * Sends due messages. Each runner claims rows with one conditional UPDATE (pending and due → sending); a row can be
 * claimed by one runner only, so two runners never send the same message.
 */
export const deliverOutboxJob: Job = {
  name: 'deliver-outbox',
  cron: '* * * * *',
  async run({ db, now, config, logger, senders }) {
    const use = senders ?? baseSenders(config, logger);
    const at = now.getTime();
    await db.run(
      sql`update outbox set status = 'failed', last_error = 'interrupted while sending', ${scrubbed}
        where status = 'sending' and claimed_at < ${at - STALE_MS}`,
    );
    const claimed = await db.all<{
      id: number;
      channel: 'sms' | 'email';
      recipient: string;
      subject: string;
      body: string;
      idempotency_key: string;
      attempts: number;
    }>(sql`
      update outbox set status = 'sending', claimed_at = ${at}, attempts = attempts + 1
      where id in (select id from outbox where status = 'pending' and next_attempt_at <= ${at} order by next_attempt_at, id limit ${BATCH})
        and status = 'pending'
      returning id, channel, recipient, subject, body, idempotency_key, attempts`);
    let sent = 0;
    let logged = 0;
    let retried = 0;
    let failed = 0;
    // A volunteer's mobile is queued encrypted (decision 0215): opened only here, for the sender, never written back.
    let cipher: PersonalDataCipher | undefined;
    const address = async (stored: string) => {
      if (storedKeyVersion(stored) === null) return stored;
      cipher ??= cipherFor(config);
      return cipher.decrypt(stored);
    };
    for (const row of claimed) {
      const sender = use[row.channel];
      try {
        if (!sender) throw new Error(`no sender for ${row.channel}`);
        const message: OutgoingMessage = {
          id: row.id,
          channel: row.channel,
          recipient: await address(row.recipient),
          subject: row.subject,
          body: row.body,
          idempotencyKey: row.idempotency_key,
        };
        await sender.send(message);
        // A message only written to the log did not reach anyone: `logged`, so nobody reads it as delivered.
        const status = sender.logsOnly ? 'logged' : 'sent';
        await db.run(
          sql`update outbox set status = ${status}, sent_at = ${at}, last_error = null, ${scrubbed}
            where id = ${row.id} and status = 'sending' and claimed_at = ${at}`,
        );
        if (sender.logsOnly) logged++;
        else sent++;
      } catch (error) {
        const last = row.attempts >= MAX_ATTEMPTS;
        await db.run(sql`update outbox set status = ${last ? 'failed' : 'pending'}, next_attempt_at = ${at + backoffMs(row.attempts)}, ${last ? scrubbed : sql`body = body`},
          last_error = ${String((error as Error).message).slice(0, 300)} where id = ${row.id} and status = 'sending' and claimed_at = ${at}`);
        if (last) failed++;
        else retried++;
        logger.warn('notification_failed', { id: row.id, attempts: row.attempts, message: (error as Error).message });
      }
    }
    return { claimed: claimed.length, sent, logged, retried, failed };
  },
};
