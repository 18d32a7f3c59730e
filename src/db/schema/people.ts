import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  AGREEMENT_KINDS,
  AVAILABILITY,
  CARE_LEVELS,
  RECIPIENT_STATUSES,
  SUPPORT_MODES,
  VOLUNTEER_STATUSES,
} from '../../domain/vocabulary.js';
import { townships, villages } from './geo.js';
import { organisations } from './organisations.js';
import { users } from './users.js';

export type { CareLevel } from '../../domain/vocabulary.js';
export {
  AGREEMENT_KINDS,
  AVAILABILITY,
  CARE_LEVELS,
  RECIPIENT_STATUSES,
  SUPPORT_MODES,
  VOLUNTEER_STATUSES,
} from '../../domain/vocabulary.js';

export const volunteers = sqliteTable(
  'volunteers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    // The mobile is encrypted like a recipient's ID number (decision 0215): the keyed hash finds the volunteer at
    // login and import and keeps the number unique; the masked copy (138****1234) is what lists show.
    mobileEnc: text('mobile_enc').notNull(),
    mobileHash: text('mobile_hash').notNull().unique(),
    mobileMasked: text('mobile_masked').notNull(),
    keyVersion: integer('key_version').notNull(),
    townshipId: integer('township_id').references(() => townships.id),
    // JSON array of skill codes from the configurable skills list.
    skills: text('skills', { mode: 'json' }).$type<string[]>().notNull().default([]),
    partyMember: integer('party_member', { mode: 'boolean' }).notNull().default(false),
    availability: text('availability', { enum: AVAILABILITY }).notNull().default('both'),
    status: text('status', { enum: VOLUNTEER_STATUSES }).notNull().default('active'),
    userId: integer('user_id').references(() => users.id),
    // The privacy notice a public sign-up agreed to (PIPL arts. 13/14/17) and when; null for staff-registered rows.
    consentVersion: text('consent_version'),
    consentAt: integer('consent_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('volunteers_township_idx').on(t.townshipId), uniqueIndex('volunteers_user_uq').on(t.userId)],
);

export const volunteerOrganisations = sqliteTable(
  'volunteer_organisations',
  {
    volunteerId: integer('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.volunteerId, t.organisationId] }), index('vo_org_idx').on(t.organisationId)],
);

export const recipients = sqliteTable(
  'recipients',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    // The ID number is encrypted (AES-256-GCM) with the key version beside it; the keyed hash finds and dedupes it.
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull().unique(),
    // Area code and last four kept in clear for the masked display (430321********1234); the eight hidden digits
    // (the birth date) are stored nowhere in clear.
    idNumberMasked: text('id_number_masked').notNull(),
    keyVersion: integer('key_version').notNull(),
    gender: text('gender', { enum: ['M', 'F'] }).notNull(),
    // No birth date in clear: beside the masked ID it was the hidden half of the number (decision 0081). It is
    // inside the encrypted ID number and shown only with an audited reveal.
    townshipId: integer('township_id')
      .notNull()
      .references(() => townships.id),
    villageId: integer('village_id').references(() => villages.id),
    address: text('address'),
    supportMode: text('support_mode', { enum: SUPPORT_MODES }).notNull(),
    nursingHomeId: integer('nursing_home_id').references(() => organisations.id),
    careLevel: text('care_level', { enum: CARE_LEVELS }).notNull(),
    careNotes: text('care_notes'),
    caregiverName: text('caregiver_name'),
    caregiverMobileEnc: text('caregiver_mobile_enc'),
    caregiverMobileMasked: text('caregiver_mobile_masked'),
    agreementKind: text('agreement_kind', { enum: AGREEMENT_KINDS }),
    agreementSignedOn: text('agreement_signed_on'),
    // The day the agreement ends (it is expired from then on); null: it runs until replaced (decision 0195).
    agreementEndsOn: text('agreement_ends_on'),
    status: text('status', { enum: RECIPIENT_STATUSES }).notNull().default('active'),
    exitReason: text('exit_reason'),
    exitedOn: text('exited_on'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('recipients_township_idx').on(t.townshipId, t.status),
    // The register lists active people by township, village and name: this index serves it without a sort.
    index('recipients_list_idx').on(t.status, t.townshipId, t.villageId, t.name),
    // Covers the dashboard's counts (active, home-supported, agreement status) without reading the rows.
    index('recipients_dashboard_idx').on(
      t.status,
      t.townshipId,
      t.supportMode,
      t.agreementKind,
      t.agreementSignedOn,
      t.agreementEndsOn,
    ),
    index('recipients_village_idx').on(t.villageId),
    index('recipients_name_idx').on(t.name),
    // The annual summary's cache version reads the latest change to any household (a move re-files its visits).
    index('recipients_updated_idx').on(t.updatedAt),
  ],
);

/** The 6-item daily-activity assessment: each item true when the person is unable to do it. */
export const assessments = sqliteTable(
  'assessments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recipientId: integer('recipient_id')
      .notNull()
      .references(() => recipients.id),
    assessedOn: text('assessed_on').notNull(),
    assessor: text('assessor').notNull(),
    eating: integer('eating', { mode: 'boolean' }).notNull(),
    dressing: integer('dressing', { mode: 'boolean' }).notNull(),
    bedTransfer: integer('bed_transfer', { mode: 'boolean' }).notNull(),
    toileting: integer('toileting', { mode: 'boolean' }).notNull(),
    walking: integer('walking', { mode: 'boolean' }).notNull(),
    bathing: integer('bathing', { mode: 'boolean' }).notNull(),
    level: text('level', { enum: CARE_LEVELS }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('assessments_recipient_idx').on(t.recipientId, t.assessedOn)],
);
