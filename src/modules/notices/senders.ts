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
  send(message: OutgoingMessage): Promise<void>;
}

export type Senders = Partial<Record<Channel, Sender>>;

/** The default: writes the message to the log (recipient masked: the log is not a place for mobiles). */
export function logSender(logger: Logger): Sender {
  return {
    name: 'log',
    async send(m) {
      logger.info('notification', {
        id: m.id,
        channel: m.channel,
        to: m.recipient.replace(/^(.{3}).*(.{2})$/, '$1****$2'),
        subject: m.subject,
        key: m.idempotencyKey,
      });
    },
  };
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
