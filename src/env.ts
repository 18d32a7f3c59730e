import { z } from 'zod';
import { DEFAULT_DOUBLE_AID_DAYS } from './domain/double-aid.js';
import { derivedLookupKey, type KeyRing } from './lib/personal-data.js';

/** Everything the server and the CLI read from their environment, validated once. */
export const configSchema = z.object({
  DATABASE_URL: z.string().min(1).default('file:./data/shouwang.db'),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  // 32 bytes, base64: encrypts ID numbers and mobiles at rest. Absent: the Node entries use the key file.
  DATA_KEY: z.string().optional(),
  DATA_KEY_VERSION: z.coerce.number().int().min(1).default(1),
  // Keys of earlier versions, still needed to read what was stored under them: `1:<base64>,2:<base64>`.
  DATA_KEYS_PREVIOUS: z.string().optional(),
  // 32 bytes, base64: the stable key of the lookup hash. Absent: derived from the oldest data key, as before.
  DATA_LOOKUP_KEY: z.string().optional(),
  // Where the Node entries keep generated keys when DATA_KEY is absent (default: beside the database file).
  DATA_KEY_FILE: z.string().optional(),
  // How many proxies in front of us append to X-Forwarded-For: 0 (none, the default), a count, or true (= 1).
  TRUST_PROXY: z
    .string()
    .regex(/^(\d|true|false)$/, 'TRUST_PROXY is a proxy count 0–9, true (1) or false (0)')
    .default('0')
    .transform((v) => (v === 'true' ? 1 : v === 'false' ? 0 : Number(v))),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  // The first-run token for /setup; absent, the Node server makes one and prints it (Workers need the secret).
  SETUP_TOKEN: z.string().trim().min(16, 'SETUP_TOKEN must be at least 16 characters').optional(),
  TIMEZONE: z.literal('Asia/Shanghai').default('Asia/Shanghai'),
  BACKUP_DIR: z.string().default('./data/backups'),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(14),
  NOTIFY_WEBHOOK_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default('shouwang@localhost'),
  SERVICE_DAYS: z
    .string()
    .regex(/^\s*\d{1,2}(\s*,\s*\d{1,2})*\s*$/)
    .default('24,25'),
  // One database per county on one server, chosen by host name: a JSON object {"host": "database URL", …}.
  COUNTY_DATABASES: z.string().optional(),
  // The county's name as its reports are titled and their files named (湘潭县2026年特困人员帮扶工作汇总.xlsx).
  COUNTY_NAME: z.string().min(1).max(30).default('湘潭县'),
  // The domain of calendar event UIDs (shift-12@DOMAIN): fixed, so a feed fetched under any host name keeps them.
  CALENDAR_UID_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/)
    .optional(),
  // Time a visit plan may take before the best plan found is returned with its gap (decision 0053).
  PLAN_TIME_LIMIT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  // Aid from two bodies to one household within this many days is flagged on the activity form and listed.
  DOUBLE_AID_DAYS: z.coerce.number().int().min(1).max(366).default(DEFAULT_DOUBLE_AID_DAYS),
});

const countyDatabases = z.record(
  z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'a lower-case host name'),
  z.string().min(1),
);

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  databaseUrl: string;
  databaseAuthToken?: string;
  port: number;
  host: string;
  publicUrl?: string;
  /** The data keys and lookup key; absent until the Node entry reads the key file (see src/lib/key-file.ts). */
  keys?: KeyRing;
  /** Explicit key file path (DATA_KEY_FILE). */
  dataKeyFile?: string;
  trustProxy: boolean;
  /** Proxies in front that each append to X-Forwarded-For; the client is the entry the outermost one added. */
  proxyHops: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** The one-time token /setup asks for while no user exists (SETUP_TOKEN, or generated and printed by Node). */
  setupToken?: string;
  timezone: 'Asia/Shanghai';
  backupDir: string;
  backupKeep: number;
  /** Days of the month that are concentrated service days (集中工作日). */
  serviceDays: number[];
  /** SMS/WeChat gateway for text notices; absent: they go to the log. */
  notifyWebhookUrl?: string;
  smtpUrl?: string;
  smtpFrom: string;
  /** Host name → database URL when one server holds several counties; absent: the one DATABASE_URL. */
  countyDatabases?: Record<string, string>;
  countyName: string;
  /** CALENDAR_UID_DOMAIN, else PUBLIC_URL's host name, else `shouwang.invalid`. */
  calendarUidDomain: string;
  /** Wall-clock budget of one visit plan, in ms (default 5 s). */
  planTimeLimitMs: number;
  /** The double-aid window in days (DOUBLE_AID_DAYS, default 30). */
  doubleAidDays: number;
}

function key32(name: string, base64: string): Uint8Array {
  const key = Uint8Array.from(Buffer.from(base64.trim(), 'base64'));
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded`);
  return key;
}

/** The key ring the environment configures, or undefined when it sets no DATA_KEY (there is no built-in key). */
function keyRingOf(raw: RawConfig): KeyRing | undefined {
  if (!raw.DATA_KEY) {
    if (raw.DATA_KEYS_PREVIOUS || raw.DATA_LOOKUP_KEY)
      throw new Error('DATA_KEYS_PREVIOUS and DATA_LOOKUP_KEY need DATA_KEY (the current key)');
    return undefined;
  }
  const keys = new Map<number, Uint8Array>();
  for (const part of (raw.DATA_KEYS_PREVIOUS ?? '').split(',').filter((p) => p.trim())) {
    const m = /^\s*(\d+)\s*:\s*(\S+)\s*$/.exec(part);
    if (!m) throw new Error('DATA_KEYS_PREVIOUS must read `<version>:<base64 key>,…`');
    keys.set(Number(m[1]), key32(`DATA_KEYS_PREVIOUS v${m[1]}`, m[2]));
  }
  if (keys.has(raw.DATA_KEY_VERSION))
    throw new Error(`DATA_KEYS_PREVIOUS repeats the current version ${raw.DATA_KEY_VERSION}`);
  keys.set(raw.DATA_KEY_VERSION, key32('DATA_KEY', raw.DATA_KEY));
  const oldest = keys.get(Math.min(...keys.keys()))!;
  return {
    current: raw.DATA_KEY_VERSION,
    keys,
    lookup: raw.DATA_LOOKUP_KEY ? key32('DATA_LOOKUP_KEY', raw.DATA_LOOKUP_KEY) : derivedLookupKey(oldest),
  };
}

/** Parses and validates configuration from an environment-like record (process.env or Workers bindings). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const raw = configSchema.parse(env);
  return {
    databaseUrl: raw.DATABASE_URL,
    databaseAuthToken: raw.DATABASE_AUTH_TOKEN,
    port: raw.PORT,
    host: raw.HOST,
    publicUrl: raw.PUBLIC_URL,
    keys: keyRingOf(raw),
    dataKeyFile: raw.DATA_KEY_FILE,
    trustProxy: raw.TRUST_PROXY > 0,
    proxyHops: raw.TRUST_PROXY,
    logLevel: raw.LOG_LEVEL,
    setupToken: raw.SETUP_TOKEN,
    timezone: raw.TIMEZONE,
    backupDir: raw.BACKUP_DIR,
    backupKeep: raw.BACKUP_KEEP,
    notifyWebhookUrl: raw.NOTIFY_WEBHOOK_URL,
    smtpUrl: raw.SMTP_URL,
    smtpFrom: raw.SMTP_FROM,
    countyDatabases: raw.COUNTY_DATABASES ? parseCounties(raw.COUNTY_DATABASES) : undefined,
    countyName: raw.COUNTY_NAME,
    calendarUidDomain:
      raw.CALENDAR_UID_DOMAIN ?? (raw.PUBLIC_URL ? new URL(raw.PUBLIC_URL).hostname : 'shouwang.invalid'),
    planTimeLimitMs: raw.PLAN_TIME_LIMIT_MS,
    doubleAidDays: raw.DOUBLE_AID_DAYS,
    serviceDays: [...new Set(raw.SERVICE_DAYS.split(',').map((d) => Number(d.trim())))]
      .filter((d) => d >= 1 && d <= 31)
      .sort((a, b) => a - b),
  };
}

function parseCounties(text: string): Record<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('COUNTY_DATABASES must be a JSON object of host name → database URL');
  }
  const parsed = countyDatabases.safeParse(json);
  if (!parsed.success || Object.keys(parsed.data).length === 0) {
    throw new Error(
      `COUNTY_DATABASES must map lower-case host names to database URLs: ${parsed.success ? 'it is empty' : parsed.error.issues[0]?.message}`,
    );
  }
  return parsed.data;
}

/** Workers bindings → the environment-like record loadConfig reads: text vars and secrets only (D1, assets are objects). */
export function bindingsToEnv(bindings: Record<string, unknown>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(bindings)) if (typeof v === 'string') out[k] = v;
  return out;
}
