import type { Db } from '../../db/client.js';
import type { Viewer } from '../../lib/context.js';
import type { FieldErrors, FormValues } from '../../lib/form.js';
import type { Translate } from '../../lib/i18n/index.js';
import type { Logger } from '../../lib/logger.js';
import { randomToken } from '../../lib/tokens.js';
import { townshipChoices } from '../places/queries.js';
import type { NamedAidEvent } from './double-aid.js';
import { can } from './policy.js';
import {
  listActivities,
  nursingHomes,
  organisationOptions,
  PAGE_SIZE,
  type RecipientOption,
  recordingOrganisations,
  searchRecipients,
} from './queries.js';
import { type FilterValues, filtersForm } from './schema.js';

/** What every ledger use case is handed: the request's database, clock, viewer and language. */
export interface LedgerContext {
  db: Db;
  now: Date;
  actor: Viewer;
  t: Translate;
  logger: Logger;
  /** The county's double-aid window in days. */
  doubleAidDays: number;
}

export const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
export const idsOf = (v: string | string[] | undefined) =>
  asList(v)
    .filter((x) => /^\d{1,9}$/.test(x))
    .map(Number);

/** The households offered on the form: those already ticked first (they stay ticked), then those found by name. */
export async function pickRecipients(p: { db: Db; actor: Viewer; q: string; chosen: number[] }) {
  const found: RecipientOption[] = [
    ...(p.chosen.length ? await searchRecipients(p.db, p.actor, '', p.chosen) : []),
    ...(p.q ? await searchRecipients(p.db, p.actor, p.q) : []),
  ];
  return [...new Map(found.map((r) => [r.id, r])).values()];
}

export interface NewActivityModel {
  formKey: string;
  organisations: { id: number; name: string }[];
  homes: { id: number; name: string }[];
  found: RecipientOption[];
  q: string;
  values?: FormValues;
  errors?: FieldErrors;
  /** Other bodies' aid to the chosen households within the window; `confirm` asks to save anyway. */
  doubleAid?: NamedAidEvent[];
  confirm?: boolean;
  doubleAidDays: number;
}

/** The "record an activity" form, as typed so far (or fresh, with a new idempotency key). */
export async function newActivityModel(
  p: Pick<LedgerContext, 'db' | 'actor' | 'doubleAidDays'> & {
    q?: string;
    values?: FormValues;
    errors?: FieldErrors;
    doubleAid?: NamedAidEvent[];
    confirm?: boolean;
  },
): Promise<NewActivityModel> {
  const q = (p.q ?? (typeof p.values?.q === 'string' ? p.values.q : '')).trim();
  const key = p.values?.idempotencyKey;
  return {
    formKey: typeof key === 'string' ? key : randomToken(16, 'hex'),
    organisations: await recordingOrganisations(p.db, p.actor),
    homes: await nursingHomes(p.db),
    found: await pickRecipients({ db: p.db, actor: p.actor, q, chosen: idsOf(p.values?.recipientIds) }),
    q,
    values: p.values,
    errors: p.errors,
    doubleAid: p.doubleAid,
    confirm: p.confirm,
    doubleAidDays: p.doubleAidDays,
  };
}

/** The activities list with its filters and pages; filtered by a household or an organisation it is their history. */
export async function activitiesModel(
  p: Pick<LedgerContext, 'db' | 'actor' | 't'> & { query: Record<string, string> },
) {
  const { db, actor } = p;
  const parsed = filtersForm.safeParse(p.query);
  const f: Partial<FilterValues> = parsed.success ? parsed.data : {};
  const page = Number(f.page ?? '1') || 1;
  const filters = {
    from: f.from || undefined,
    to: f.to || undefined,
    townshipId: f.townshipId ?? undefined,
    organisationId: f.organisationId ?? undefined,
    recipientId: f.recipientId ?? undefined,
    kind: f.kind || undefined,
  };
  const rows = await listActivities(db, actor, filters, page);
  const organisations = await organisationOptions(db);
  const whose = f.recipientId
    ? (await searchRecipients(db, actor, '', [f.recipientId]))[0]?.name
    : organisations.find((o) => o.id === f.organisationId)?.name;
  const link = (n: number) => `/activities?${new URLSearchParams({ ...p.query, page: String(n) })}`;
  return {
    rows: rows.slice(0, PAGE_SIZE),
    values: p.query,
    townships: await townshipChoices(db),
    organisations,
    canRecord: can(actor, 'record'),
    canImport: can(actor, 'import'),
    canDoubleAid: can(actor, 'doubleAid'),
    heading: whose ? `${whose} · ${p.t('activities.history')}` : undefined,
    prev: page > 1 ? link(page - 1) : undefined,
    next: rows.length > PAGE_SIZE ? link(page + 1) : undefined,
  };
}
