import nodemailer from 'nodemailer';
import type { Logger } from '../../lib/logger.js';
import { baseSenders, type Sender, type Senders } from './senders.js';

/** E-mail through SMTP (nodemailer: Node only, so the Workers entry never imports this file). */
export function smtpSender(url: string, from: string): Sender {
  const transport = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    async send(m) {
      await transport.sendMail({
        from,
        to: m.recipient,
        subject: m.subject,
        text: m.body,
        messageId: `<${m.idempotencyKey.replace(/[^A-Za-z0-9.:_-]/g, '_')}@shouwang>`,
      });
    },
  };
}

/** Node's senders: the base set, with SMTP for e-mail when SMTP_URL is configured. */
export function nodeSenders(
  config: { notifyWebhookUrl?: string; smtpUrl?: string; smtpFrom: string },
  logger: Logger,
): Senders {
  const base = baseSenders(config, logger);
  return config.smtpUrl ? { ...base, email: smtpSender(config.smtpUrl, config.smtpFrom) } : base;
}
