/** The words of the domain: every enumerated value the schema stores, the forms offer and the views name. */

export const VILLAGE_KINDS = ['village', 'community', 'residents_committee'] as const;
export const ACTIVITY_KINDS = ['home_visit', 'care', 'condolence', 'other'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const LINE_KINDS = ['cash', 'goods', 'service'] as const;
export type LineKind = (typeof LINE_KINDS)[number];
/**
 * Where a line's money or service came from (资金来源): 护理补贴统筹 (the pooled care subsidy of the self-caring),
 * 财政专项, 社会捐赠, 组织自筹, 其他. A line without one (older rows, an import without the column) is 未注明.
 */
export const FUNDING_SOURCES = ['care_subsidy', 'fiscal', 'donation', 'self_raised', 'other'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const UNSPECIFIED_SOURCE = 'unspecified' as const;
// `care_unit`: a 守望之家, the village watch-care unit that makes the daily care visits.
export const ORGANISATION_KINDS = ['social_org', 'station', 'nursing_home', 'care_unit'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const INCUBATION_STAGES = ['applied', 'incubating', 'graduated', 'withdrawn'] as const;
export type IncubationStage = (typeof INCUBATION_STAGES)[number];
export const VOLUNTEER_STATUSES = ['pending', 'active', 'inactive'] as const;
export const AVAILABILITY = ['weekdays', 'service_days', 'both'] as const;
export const SUPPORT_MODES = ['home', 'institution'] as const;
export const CARE_LEVELS = ['self', 'partial', 'full'] as const;
export type CareLevel = (typeof CARE_LEVELS)[number];
export const AGREEMENT_KINDS = ['three', 'four'] as const;
export const RECIPIENT_STATUSES = ['active', 'exited'] as const;
export const PLAN_STATUSES = ['draft', 'published'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const WORK_KINDS = ['home_visit', 'care_assistance', 'condolence', 'other'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];
export const SHIFT_STATUSES = ['open', 'cancelled'] as const;
export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
export const CHANNELS = ['sms', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
// `logged`: handed to the log sender only (no gateway configured), so it never left the server.
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'logged', 'failed'] as const;
// `care_member`: a member of a 守望之家 (users.organisation_id is the unit), who records the unit's care visits.
export const ROLES = ['county_admin', 'station_staff', 'org_coordinator', 'volunteer', 'care_member'] as const;
/**
 * The roles an administrator creates by hand. A volunteer's or a 守望之家 member's login belongs to a registered
 * person and is issued from their register by activation code, so it is never made here linked to nobody.
 */
export const STAFF_ROLES = ['county_admin', 'station_staff', 'org_coordinator'] as const;
/** What a member does in a 守望之家: 小组长, 党员, 志愿者, 村医. */
export const CARE_MEMBER_ROLES = ['leader', 'party_member', 'volunteer', 'village_doctor'] as const;
export type CareMemberRole = (typeof CARE_MEMBER_ROLES)[number];
export type Role = (typeof ROLES)[number];
export const VISIT_KINDS = [
  'home_visit',
  'care_support',
  'condolence',
  'meal_delivery',
  'medicine_delivery',
  'other',
] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
export const VISITOR_KINDS = ['volunteer', 'station_worker', 'watch_home_member', 'village_doctor'] as const;
/** How a visit ended. Only `visited` means somebody was met; `moved` and `deceased` open a task for the station. */
export const VISIT_OUTCOMES = ['visited', 'not_home', 'refused', 'moved', 'in_hospital', 'deceased'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
/** Whether anybody was met: only then can aid be handed over or a service given. */
export const MET_OUTCOMES: readonly VisitOutcome[] = ['visited'];
/** Outcomes that end home visiting at this address: each opens a task for the station (exit or transfer). */
export const TASK_OUTCOMES = { deceased: 'exit', moved: 'transfer' } as const;
/** Services given on a visit (访视照料、清洁卫生、送医陪护、心理疏导、其他), counted in hours in the aid ledger. */
export const VISIT_SERVICE_KINDS = ['visiting_care', 'cleaning', 'hospital_escort', 'counselling', 'other'] as const;
export type VisitServiceKind = (typeof VISIT_SERVICE_KINDS)[number];
export const STATION_TASK_KINDS = ['exit', 'transfer'] as const;
export type StationTaskKind = (typeof STATION_TASK_KINDS)[number];
export const STATION_TASK_STATUSES = ['open', 'done'] as const;
export const NEED_CATEGORIES = ['health', 'food', 'housing', 'safety', 'loneliness', 'money', 'other'] as const;
export const NEED_URGENCIES = ['normal', 'urgent'] as const;
export const NEED_STATUSES = ['open', 'assigned', 'resolved'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
