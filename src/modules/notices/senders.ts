import type { Channel } from '../../db/schema/index.js';
import type { Logger } from '../../lib/logger.js';

/** One message as a sender sees it; the key lets a gateway drop a duplicate it has already accepted. */
export interface OutgoingMessage {
  id: number;
  channel: Channel;
  recipient: string;
  subject: string;
  body: string;
  idempotencyKey: string;
}

/** Delivers messages of one channel; throws to ask for a retry. */
export interface Sender {
  name: string;
  /** True when nothing leaves the server (the log): the outbox records `logged`, not `sent`. */
  logsOnly?: boolean;
  send(message: OutgoingMessage): Promise<void>;
}

export type Senders = Partial<Record<Channel, Sender>>;

/**
 * The default when no gateway is configured: notes in the log that a message was due, by its outbox id (the text
 * stays in the database; subjects and bodies may name people, and logs travel further than the database).
 */
export function logSender(logger: Logger): Sender {
  return {
    name: 'log',
    logsOnly: true,
    async send(m) {
      logger.info('notification_logged', {
        id: m.id,
        channel: m.channel,
        to: m.recipient.replace(/^(.{3}).*(.{2})$/, '$1****$2'),
        key: m.idempotencyKey,
      });
    },
  };
}

const SETTING: Record<string, string> = { sms: 'NOTIFY_WEBHOOK_URL', email: 'SMTP_URL' };

/** Says at start, once per channel, that its notices will only be logged: nobody will receive them. */
export function warnLoggedChannels(senders: Senders, logger: Logger): void {
  for (const [channel, sender] of Object.entries(senders)) {
    if (sender?.logsOnly) logger.warn('notices_not_delivered', { channel, configure: SETTING[channel] ?? channel });
  }
}

/** Posts JSON to a county's SMS or WeChat gateway; any non-2xx answer is a failure to retry. Works on Workers too. */
export function webhookSender(url: string, fetchImpl: typeof fetch = fetch): Sender {
  return {
    name: 'webhook',
    async send(m) {
      const res = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': m.idempotencyKey },
        body: JSON.stringify({
          channel: m.channel,
          to: m.recipient,
          subject: m.subject,
          body: m.body,
          key: m.idempotencyKey,
        }),
        signal: AbortSignal.timeout(15_000),
      });
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
    },
  };
}

/** The senders any runtime can build from configuration: a webhook for text messages when set, else the log. */
export function baseSenders(config: { notifyWebhookUrl?: string }, logger: Logger): Senders {
  const log = logSender(logger);
  return { sms: config.notifyWebhookUrl ? webhookSender(config.notifyWebhookUrl) : log, email: log };
}
