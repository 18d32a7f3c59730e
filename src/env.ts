import { z } from 'zod';

/** Everything the server and the CLI read from their environment, validated once. */
export const configSchema = z.object({
  DATABASE_URL: z.string().min(1).default('file:./data/shouwang.db'),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  // 32 bytes, base64: encrypts ID numbers and mobiles at rest. A development key is derived when absent.
  DATA_KEY: z.string().optional(),
  DATA_KEY_VERSION: z.coerce.number().int().min(1).default(1),
  TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
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
  // Time a visit plan may take before the best plan found is returned with its gap (decision 0053).
  PLAN_TIME_LIMIT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
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
  dataKey: Uint8Array;
  dataKeyVersion: number;
  trustProxy: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
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
  /** Wall-clock budget of one visit plan, in ms (default 5 s). */
  planTimeLimitMs: number;
}

const DEV_KEY_NOTE = 'shouwang-development-key-do-not-use-in-production';

/** Parses and validates configuration from an environment-like record (process.env or Workers bindings). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const raw = configSchema.parse(env);
  let dataKey: Uint8Array;
  if (raw.DATA_KEY) {
    dataKey = Uint8Array.from(Buffer.from(raw.DATA_KEY, 'base64'));
    if (dataKey.length !== 32) throw new Error('DATA_KEY must be 32 bytes, base64-encoded');
  } else {
    dataKey = new Uint8Array(32);
    new TextEncoder().encodeInto(DEV_KEY_NOTE, dataKey);
  }
  return {
    databaseUrl: raw.DATABASE_URL,
    databaseAuthToken: raw.DATABASE_AUTH_TOKEN,
    port: raw.PORT,
    host: raw.HOST,
    publicUrl: raw.PUBLIC_URL,
    dataKey,
    dataKeyVersion: raw.DATA_KEY_VERSION,
    trustProxy: raw.TRUST_PROXY,
    logLevel: raw.LOG_LEVEL,
    timezone: raw.TIMEZONE,
    backupDir: raw.BACKUP_DIR,
    backupKeep: raw.BACKUP_KEEP,
    notifyWebhookUrl: raw.NOTIFY_WEBHOOK_URL,
    smtpUrl: raw.SMTP_URL,
    smtpFrom: raw.SMTP_FROM,
    countyDatabases: raw.COUNTY_DATABASES ? parseCounties(raw.COUNTY_DATABASES) : undefined,
    planTimeLimitMs: raw.PLAN_TIME_LIMIT_MS,
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
