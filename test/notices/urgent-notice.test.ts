import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { needs, organisations, outbox } from '../../src/db/schema/index.js';
import { loadConfig } from '../../src/env.js';
import { deliverOutboxJob } from '../../src/jobs/deliver-outbox.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { baseSenders, warnLoggedChannels } from '../../src/modules/notices/senders.js';
import type { Browser, TestApp } from '../setup/app.js';
import { type RegistryFixture, type RoleName, registryApp } from '../setup/registry.js';

// The urgent-need notice names the need by id only (no recipient name, no need text in the
// subject, the SMS or the log); the log sender records `logged`, not `sent`; a missing sender is said at start.
let t: TestApp;
let f: RegistryFixture;
let as: Record<RoleName, Browser>;
const NEED_TEXT = '发烧三天无人照看';

beforeEach(async () => {
  ({ t, f, as } = await registryApp());
  await t.database.db
    .update(organisations)
    .set({ contactPhone: '13511112222' })
    .where(eq(organisations.id, f.stationX.id));
  const res = await as.stationX.post(`/visits/recipients/${f.rx.id}`, {
    visitedOn: '2026-11-24',
    kind: 'home_visit',
    visitorKind: 'station_worker',
    outcome: 'visited',
    needCategory: 'health',
    needUrgency: 'urgent',
    needText: NEED_TEXT,
  });
  expect(res.status).toBe(303);
});

describe('the urgent-need notice', () => {
  it('carries the need id, never the recipient name or the need text', async () => {
    const [need] = await t.database.db.select().from(needs);
    const [row] = await t.database.db.select().from(outbox);
    expect(row.subject).toBe(`急难愁盼（紧急）#${need.id}`);
    expect(row.body).toContain(`编号 ${need.id}`);
    for (const field of [row.subject, row.body]) {
      expect(field).not.toContain(f.rx.name);
      expect(field).not.toContain(NEED_TEXT);
      expect(field).not.toContain('发烧');
    }
  });

  it('is recorded as logged (not sent) by the log sender, and the log holds neither name nor need', async () => {
    const logger = memoryLogger();
    const result = await deliverOutboxJob.run({ db: t.database.db, config: t.config, logger, now: new Date() });
    expect(result).toMatchObject({ claimed: 1, sent: 0, logged: 1 });
    const [row] = await t.database.db.select().from(outbox);
    expect(row.status).toBe('logged');
    const log = JSON.stringify(logger.lines);
    expect(logger.lines.some((l) => l.event === 'notification_logged' && l.id === row.id)).toBe(true);
    expect(log).not.toContain(f.rx.name);
    expect(log).not.toContain(NEED_TEXT);
    expect(log).not.toContain('13511112222');
  });
});

describe('senders at start', () => {
  it('warns for each channel that only goes to the log, and not for a configured gateway', () => {
    const none = memoryLogger();
    warnLoggedChannels(baseSenders(loadConfig({}), none), none);
    expect(none.lines.filter((l) => l.event === 'notices_not_delivered').map((l) => [l.channel, l.configure])).toEqual([
      ['sms', 'NOTIFY_WEBHOOK_URL'],
      ['email', 'SMTP_URL'],
    ]);
    const webhook = memoryLogger();
    warnLoggedChannels(baseSenders(loadConfig({ NOTIFY_WEBHOOK_URL: 'https://sms.example/hook' }), webhook), webhook);
    expect(webhook.lines.map((l) => l.channel)).toEqual(['email']);
  });
});
