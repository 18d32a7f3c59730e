import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { batchInGroup } from '../../db/group-commit.js';
import {
  type ActivityKind,
  activities,
  type LineKind,
  ledgerLines,
  organisations,
  recipients,
} from '../../db/schema/index.js';
import { fitParams } from '../../db/types.js';
import type { FundingSource } from '../../domain/vocabulary.js';
import { auditRowsFrom } from '../../lib/audit.js';
import { randomToken } from '../../lib/tokens.js';
import { reversalStatement } from './corrections.js';

export interface LineInput {
  kind: LineKind;
  amountFen: number;
  goodsName: string | null;
  quantity: number | null;
  unit: string | null;
  serviceKind: string | null;
  serviceCentihours: number;
  volunteers: number | null;
  /** 资金来源; absent or null is 未注明 (kept optional so callers from before sources compile unchanged). */
  fundingSource?: FundingSource | null;
}

/** A line's goods and service details when it has none (a cash line, or a kind's other fields). */
export const NO_LINE_DETAIL = {
  goodsName: null,
  quantity: null,
  unit: null,
  serviceKind: null,
  serviceCentihours: 0,
  volunteers: null,
} as const satisfies Omit<LineInput, 'kind' | 'amountFen' | 'fundingSource'>;

export interface ActivityInput {
  organisationId: number;
  occurredOn: string;
  kind: ActivityKind;
  serviceDayId: number | null;
  shiftId: number | null;
  note: string | null;
  recipientIds: number[];
  nursingHomeIds: number[];
  lines: LineInput[];
  externalRef?: string | null;
}

export type RecordResult =
  | { ok: true; id: number; created: boolean }
  | { ok: false; reason: 'key_reused' | 'bad_organisation' | 'bad_target' | 'no_target' };

export function randomNonce(): string {
  return randomToken(16, 'hex');
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k] ?? null)}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** A stable digest of what was submitted: the same form sent twice hashes the same. */
export function contentHash(input: ActivityInput): string {
  const canonical = {
    ...input,
    // A line without a source hashes as it did before sources existed, so re-imports stay unchanged.
    lines: input.lines.map(({ fundingSource, ...l }) => (fundingSource ? { ...l, fundingSource } : l)),
    externalRef: input.externalRef ?? null,
    recipientIds: [...new Set(input.recipientIds)].sort((a, b) => a - b),
    nursingHomeIds: [...new Set(input.nursingHomeIds)].sort((a, b) => a - b),
  };
  return encodeHexLowerCase(sha256(new TextEncoder().encode(stableJson(canonical))));
}

export interface Resolved {
  org: { id: number; kind: 'social_org' | 'station' | 'nursing_home'; townshipId: number | null };
  people: { id: number; townshipId: number }[];
  homes: { id: number; townshipId: number | null }[];
}

/** Checks the organisation and targets exist (households must be home-supported; homes must be nursing homes). */
export async function resolveActivity(
  db: Db,
  input: ActivityInput,
): Promise<Resolved | 'bad_organisation' | 'bad_target' | 'no_target'> {
  const org = await db
    .select({ id: organisations.id, kind: organisations.kind, townshipId: organisations.townshipId })
    .from(organisations)
    .where(eq(organisations.id, input.organisationId))
    .get();
  // A 守望之家's care visits are not aid events: its visits are care visits, never the ledger's (decision 0170).
  if (!org || org.kind === 'care_unit') return 'bad_organisation';
  const recipientIds = [...new Set(input.recipientIds)];
  const homeIds = [...new Set(input.nursingHomeIds)];
  if (recipientIds.length + homeIds.length === 0) return 'no_target';
  // Read in runs that fit one statement on the driver (D1: 100 parameters), however many targets an activity has.
  const people = [];
  for (const run of fitParams(db, recipientIds, 1, 1)) {
    people.push(
      ...(await db
        .select({ id: recipients.id, townshipId: recipients.townshipId })
        .from(recipients)
        .where(and(inArray(recipients.id, run), eq(recipients.supportMode, 'home')))),
    );
  }
  const homes = [];
  for (const run of fitParams(db, homeIds, 1, 1)) {
    homes.push(
      ...(await db
        .select({ id: organisations.id, townshipId: organisations.townshipId })
        .from(organisations)
        .where(and(inArray(organisations.id, run), eq(organisations.kind, 'nursing_home')))),
    );
  }
  if (people.length !== recipientIds.length || homes.length !== homeIds.length) return 'bad_target';
  // Keep the order the user gave, so the activity's township (from the first target) is stable.
  people.sort((a, b) => recipientIds.indexOf(a.id) - recipientIds.indexOf(b.id));
  homes.sort((a, b) => homeIds.indexOf(a.id) - homeIds.indexOf(b.id));
  return { org: { ...org, kind: org.kind }, people, homes };
}

/**
 * The statements that record one activity, for one `db.batch`. The activity insert is `ON CONFLICT DO NOTHING`;
 * targets, lines and the audit row are `INSERT … SELECT` from the activity row carrying this write's nonce, so a
 * concurrent or repeated submit inserts nothing (decision 0063).
 */
export function activityStatements(
  db: Db,
  input: ActivityInput,
  r: Resolved,
  meta: { idempotencyKey: string; actorUserId: number | null; now: Date; nonce: string; doubleAid?: number[] },
) {
  const { org, people, homes } = r;
  // Filed where the aid arrived (decision 0175): each target under its own township, the activity and its lines
  // under the first-named target's (households before nursing homes, as the targets are written), whoever organised it.
  const townshipId = people[0]?.townshipId ?? homes[0]?.townshipId ?? org.townshipId ?? null;
  const key = meta.idempotencyKey;
  const nonce = meta.nonce;
  const mine = sql`(SELECT id FROM activities WHERE idempotency_key = ${key} AND write_nonce = ${nonce})`;
  const created = meta.now.getTime();
  const owner = { occurredOn: input.occurredOn, organisationId: org.id, townshipId };
  return [
    db
      .insert(activities)
      .values({
        organisationId: org.id,
        organisationKind: org.kind,
        townshipId,
        occurredOn: input.occurredOn,
        kind: input.kind,
        serviceDayId: input.serviceDayId,
        shiftId: input.shiftId,
        note: input.note,
        externalRef: input.externalRef ?? null,
        idempotencyKey: key,
        contentHash: contentHash(input),
        writeNonce: nonce,
        createdBy: meta.actorUserId,
        createdAt: meta.now,
      })
      .onConflictDoNothing(),
    ...people.map((p) =>
      db.run(sql`INSERT INTO activity_targets (activity_id, recipient_id, nursing_home_id, occurred_on, organisation_id, township_id)
        SELECT a.id, ${p.id}, NULL, ${owner.occurredOn}, ${owner.organisationId}, ${p.townshipId} FROM ${mine} AS a`),
    ),
    ...homes.map((h) =>
      db.run(sql`INSERT INTO activity_targets (activity_id, recipient_id, nursing_home_id, occurred_on, organisation_id, township_id)
        SELECT a.id, NULL, ${h.id}, ${owner.occurredOn}, ${owner.organisationId}, ${h.townshipId ?? owner.townshipId} FROM ${mine} AS a`),
    ),
    ...input.lines.map((l) =>
      db.run(sql`INSERT INTO ledger_lines (activity_id, kind, amount_fen, goods_name, quantity, unit, service_kind, service_centihours,
          volunteers, funding_source, occurred_on, organisation_id, township_id, write_nonce, created_by, created_at)
        SELECT a.id, ${l.kind}, ${l.amountFen}, ${l.goodsName}, ${l.quantity}, ${l.unit}, ${l.serviceKind}, ${l.serviceCentihours},
          ${l.volunteers}, ${l.fundingSource ?? null}, ${owner.occurredOn}, ${owner.organisationId}, ${owner.townshipId}, ${nonce}, ${meta.actorUserId}, ${created}
        FROM ${mine} AS a`),
    ),
    auditRowsFrom(
      db,
      {
        actorUserId: meta.actorUserId,
        action: 'create',
        entity: 'activity',
        entityId: sql`CAST(a.id AS TEXT)`,
        rows: sql`FROM ${mine} AS a`,
      },
      meta.now,
    ),
    // Saved after the form showed other bodies' aid within the window: who confirmed, and which aid they saw.
    ...(meta.doubleAid?.length
      ? [
          auditRowsFrom(
            db,
            {
              actorUserId: meta.actorUserId,
              action: 'confirm_double_aid',
              entity: 'activity',
              entityId: sql`CAST(a.id AS TEXT)`,
              changes: JSON.stringify({ earlierActivityIds: meta.doubleAid }),
              rows: sql`FROM ${mine} AS a`,
            },
            meta.now,
          ),
        ]
      : []),
  ];
}

/**
 * The stored key of a form's submission: the client's key inside the submitting user's own namespace. Keys are
 * unique county-wide and the client chooses its part, so unscoped one user could pre-claim another's key (or a
 * server-derived one such as `visit-aid-…`) and make their submission fail; scoped, a key only ever meets the same
 * user's double submit. Client keys are [A-Za-z0-9_-], so the prefix cannot be forged from the form.
 */
export function formKey(userId: number, clientKey: string): string {
  return `form:${userId}:${clientKey}`;
}

/** Records an activity with its targets and lines in one batch, once per idempotency key. */
export async function recordActivity(
  db: Db,
  input: ActivityInput,
  meta: { idempotencyKey: string; actorUserId: number | null; now: Date; doubleAid?: number[] },
): Promise<RecordResult> {
  const resolved = await resolveActivity(db, input);
  if (typeof resolved === 'string') return { ok: false, reason: resolved };
  return recordResolved({ db, input, resolved, ...meta });
}

/**
 * Writes an activity whose organisation and targets the caller has already resolved (`resolveActivity`), so a
 * form that checked them does not read them twice. The stored row is read back inside the same batch.
 */
export async function recordResolved(ctx: {
  db: Db;
  input: ActivityInput;
  resolved: Resolved;
  idempotencyKey: string;
  actorUserId: number | null;
  now: Date;
  doubleAid?: number[];
}): Promise<RecordResult> {
  const { db, input, resolved, ...meta } = ctx;
  const nonce = randomNonce();
  const stored = db
    .select({ id: activities.id, contentHash: activities.contentHash, writeNonce: activities.writeNonce })
    .from(activities)
    .where(eq(activities.idempotencyKey, meta.idempotencyKey));
  // Shares its commit with the other writes of this turn (decision 0247): answered once on disk, as alone.
  const results = await batchInGroup(db, [
    ...activityStatements(db, input, resolved, { ...meta, nonce }),
    stored,
  ] as unknown as Parameters<typeof db.batch>[0]);
  const [row] = results.at(-1) as Awaited<typeof stored>;
  // No row: only an import's 活动编号 can collide without the key (the same ref under another key).
  if (!row) return { ok: false, reason: 'key_reused' };
  if (row.writeNonce === nonce) return { ok: true, id: row.id, created: true };
  if (row.contentHash === contentHash(input)) return { ok: true, id: row.id, created: false };
  return { ok: false, reason: 'key_reused' };
}

export type ReverseResult =
  | { ok: true; reversalId: number; replacementId: number | null }
  | { ok: false; reason: 'already_reversed' | 'not_reversible' };

/**
 * Reverses a line (negated copy pointing at it) and optionally adds its replacement, in one batch. The unique
 * index on `reverses_line_id` makes a second reversal insert nothing; the replacement only follows our reversal.
 */
export async function reverseLine(
  db: Db,
  line: { id: number; activityId: number; reversesLineId: number | null },
  replacement: LineInput | null,
  meta: { reason: string | null; actorUserId: number | null; now: Date },
): Promise<ReverseResult> {
  if (line.reversesLineId !== null) return { ok: false, reason: 'not_reversible' };
  const nonce = randomNonce();
  const at = meta.now.getTime();
  const reversal = sql`(SELECT id FROM ledger_lines WHERE reverses_line_id = ${line.id} AND write_nonce = ${nonce})`;
  const statements: unknown[] = [
    reversalStatement(db, { lineId: line.id, ...meta, nonce }),
    auditRowsFrom(
      db,
      {
        actorUserId: meta.actorUserId,
        action: 'reverse',
        entity: 'ledger_line',
        entityId: sql`${String(line.id)}`,
        rows: sql`FROM ${reversal} AS r`,
      },
      meta.now,
    ),
  ];
  if (replacement) {
    const l = replacement;
    statements.push(
      db.run(sql`INSERT INTO ledger_lines (activity_id, kind, amount_fen, goods_name, quantity, unit, service_kind, service_centihours,
          volunteers, funding_source, reason, occurred_on, organisation_id, township_id, write_nonce, created_by, created_at)
        SELECT o.activity_id, ${l.kind}, ${l.amountFen}, ${l.goodsName}, ${l.quantity}, ${l.unit}, ${l.serviceKind}, ${l.serviceCentihours},
          ${l.volunteers}, ${l.fundingSource === undefined ? sql`o.funding_source` : l.fundingSource}, ${meta.reason}, o.occurred_on, o.organisation_id, o.township_id, ${nonce}, ${meta.actorUserId}, ${at}
        FROM ledger_lines o WHERE o.id = ${line.id} AND EXISTS ${reversal}`),
    );
  }
  await db.batch(statements as unknown as Parameters<typeof db.batch>[0]);
  const mine = await db
    .select({ id: ledgerLines.id, reversesLineId: ledgerLines.reversesLineId })
    .from(ledgerLines)
    .where(and(eq(ledgerLines.writeNonce, nonce), eq(ledgerLines.activityId, line.activityId)));
  const rev = mine.find((m) => m.reversesLineId === line.id);
  if (!rev) return { ok: false, reason: 'already_reversed' };
  return { ok: true, reversalId: rev.id, replacementId: mine.find((m) => m.reversesLineId === null)?.id ?? null };
}
