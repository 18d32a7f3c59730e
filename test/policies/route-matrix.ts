import type { RegistryFixture, RoleName } from '../setup/registry.js';
import { MATRIX_SERIAL } from './matrix-county.js';

/** Everyone who can knock: anonymous, the six roles of `roleBrowsers`, and a member of a 守望之家 in township X. */
export type Who = 'anonymous' | RoleName | 'member';
export const WHO: Who[] = ['anonymous', 'volunteer', 'coordA', 'coordB', 'stationX', 'stationY', 'admin', 'member'];

export type Expected = Record<Who, number>;
export interface Case {
  path: string;
  form?: Record<string, string>;
  expect: Expected;
}

/** Extra records the matrix needs besides the registry fixture. */
export interface MatrixFixture extends RegistryFixture {
  activityId: number;
  lineId: number;
  throwawayUserId: number;
  needId: number;
  volunteerId: number;
  shiftId: number;
  templateId: number;
  /** A 守望之家 of township X covering the village of `rx`; `member` is one of its members. */
  unitId: number;
  memberId: number;
}

// Shorthands: who may, with the status each one gets.
const all = (status: number, anonymous = 302): Expected => ({
  anonymous,
  volunteer: status,
  coordA: status,
  coordB: status,
  stationX: status,
  stationY: status,
  admin: status,
  member: status,
});
const only = (allowed: Partial<Record<Exclude<Who, 'anonymous'>, number>>, denied = 403): Expected => ({
  anonymous: 302,
  volunteer: denied,
  coordA: denied,
  coordB: denied,
  stationX: denied,
  stationY: denied,
  admin: denied,
  member: denied,
  ...allowed,
});
/** Staff who may see the county's registers: the admin and the stations (coordinators and volunteers: 403). */
const registerStaff = (status: number): Expected => only({ admin: status, stationX: status, stationY: status });
/** Ledger users: admin, stations and coordinators. */
const ledgerStaff = (status: number): Expected =>
  only({ admin: status, stationX: status, stationY: status, coordA: status, coordB: status });

/**
 * The expected answer of every route, per role, for a record that belongs to township X / organisation A: its own
 * station and coordinator get through, the others get 404 (a foreign record), roles without the action 403,
 * anonymous visitors 302 to the login page. A route the app registers without an entry here fails the suite.
 */
export function matrix(f: MatrixFixture): Record<string, Case[]> {
  const rx = f.rx.id;
  const act = f.activityId;
  return {
    'GET /healthz': [{ path: '/healthz', expect: all(200, 200) }],
    'GET /login': [{ path: '/login', expect: all(302, 200) }],
    'POST /login': [{ path: '/login', form: { username: '', password: '' }, expect: all(422, 422) }],
    'GET /setup': [{ path: '/setup', expect: all(302, 302) }],
    'POST /setup': [{ path: '/setup', form: {}, expect: all(303, 303) }],
    'POST /lang': [{ path: '/lang', form: { locale: 'zh', back: '/' }, expect: all(303, 303) }],
    'GET /': [{ path: '/', expect: all(200) }],
    'GET /account': [{ path: '/account', expect: all(200) }],
    'POST /account/password': [{ path: '/account/password', form: {}, expect: all(422) }],
    'GET /admin/users': [{ path: '/admin/users', expect: only({ admin: 200 }) }],
    'GET /admin/users/new': [{ path: '/admin/users/new', expect: only({ admin: 200 }) }],
    'POST /admin/users': [{ path: '/admin/users', form: {}, expect: only({ admin: 422 }) }],
    'POST /admin/users/:id{[0-9]+}/:action{disable|enable}': [
      { path: `/admin/users/${f.throwawayUserId}/enable`, expect: only({ admin: 303 }) },
      { path: '/admin/users/999999/enable', expect: only({ admin: 404 }) },
    ],
    'GET /recipients': [{ path: '/recipients', expect: registerStaff(200) }],
    'GET /recipients/new': [{ path: '/recipients/new', expect: registerStaff(200) }],
    'GET /recipients/agreements': [{ path: '/recipients/agreements', expect: registerStaff(200) }],
    // The agreement term is the county's decision: a station may read the table, not change the term.
    'POST /recipients/agreements/term': [
      { path: '/recipients/agreements/term', form: { termYears: 'x' }, expect: only({ admin: 422 }) },
    ],
    'POST /recipients': [{ path: '/recipients', form: {}, expect: registerStaff(422) }],
    'GET /recipients/:id{[0-9]+}': [{ path: `/recipients/${rx}`, expect: { ...registerStaff(200), stationY: 404 } }],
    'GET /recipients/:id{[0-9]+}/edit': [
      { path: `/recipients/${rx}/edit`, expect: { ...registerStaff(200), stationY: 404 } },
    ],
    'POST /recipients/:id{[0-9]+}': [
      { path: `/recipients/${rx}`, form: {}, expect: { ...registerStaff(422), stationY: 404 } },
    ],
    'POST /recipients/:id{[0-9]+}/assessments': [
      { path: `/recipients/${rx}/assessments`, form: {}, expect: { ...registerStaff(422), stationY: 404 } },
    ],
    'POST /recipients/:id{[0-9]+}/reveal': [
      { path: `/recipients/${rx}/reveal`, expect: { ...registerStaff(200), stationY: 404 } },
    ],
    'GET /import/:register': [
      { path: '/import/recipients', expect: registerStaff(200) },
      { path: '/import/organisations', expect: only({ admin: 200 }) },
      { path: '/import/visits', expect: registerStaff(200) },
      { path: '/import/nonsense', expect: all(404) },
    ],
    'POST /import/:register': [{ path: '/import/volunteers', form: {}, expect: registerStaff(422) }],
    'POST /import/:register/confirm': [
      { path: '/import/recipients/confirm', form: { token: 'expired' }, expect: registerStaff(422) },
    ],
    'POST /import/:register/discard': [
      { path: '/import/recipients/discard', form: { token: 'none' }, expect: registerStaff(200) },
    ],
    'POST /export/:register/:format{csv|xlsx}': [
      { path: '/export/recipients/csv', expect: registerStaff(200) },
      { path: '/export/organisations/xlsx', expect: registerStaff(200) },
      // A visit log is imported, never exported.
      { path: '/export/visits/csv', expect: only({}) },
    ],
    'GET /organisations': [{ path: '/organisations?kind=social_org', expect: ledgerStaff(200) }],
    'GET /organisations/intake': [{ path: '/organisations/intake', expect: ledgerStaff(200) }],
    'GET /organisations/new': [{ path: '/organisations/new', expect: only({ admin: 200 }) }],
    'POST /organisations': [{ path: '/organisations', form: {}, expect: only({ admin: 422 }) }],
    'GET /organisations/:id{[0-9]+}': [
      { path: `/organisations/${f.orgA.id}`, expect: ledgerStaff(200) },
      { path: '/organisations/999999', expect: ledgerStaff(404) },
    ],
    'GET /organisations/:id{[0-9]+}/edit': [{ path: `/organisations/${f.orgA.id}/edit`, expect: only({ admin: 200 }) }],
    'POST /organisations/:id{[0-9]+}': [
      { path: `/organisations/${f.orgA.id}`, form: {}, expect: only({ admin: 422 }) },
    ],
    'POST /organisations/:id{[0-9]+}/stage': [
      { path: `/organisations/${f.orgA.id}/stage`, form: {}, expect: only({ admin: 422 }) },
    ],
    'GET /care-units': [{ path: '/care-units', expect: registerStaff(200) }],
    'GET /care-units/new': [{ path: '/care-units/new', expect: registerStaff(200) }],
    'POST /care-units': [{ path: '/care-units', form: {}, expect: registerStaff(422) }],
    'GET /care-units/:id{[0-9]+}': [
      { path: `/care-units/${f.unitId}`, expect: { ...registerStaff(200), stationY: 404 } },
      { path: `/care-units/${f.orgA.id}`, expect: registerStaff(404) },
    ],
    'GET /care-units/:id{[0-9]+}/edit': [
      { path: `/care-units/${f.unitId}/edit`, expect: { ...registerStaff(200), stationY: 404 } },
    ],
    'POST /care-units/:id{[0-9]+}': [
      { path: `/care-units/${f.unitId}`, form: {}, expect: { ...registerStaff(422), stationY: 404 } },
    ],
    'POST /care-units/:id{[0-9]+}/members': [
      { path: `/care-units/${f.unitId}/members`, form: {}, expect: { ...registerStaff(422), stationY: 404 } },
    ],
    // Members' logins: the matrix's member has one, so asking again without a re-issue issues nothing (200, the
    // slips page says why); nothing ticked goes back to the unit; another township's station does not find it.
    'POST /care-units/:id{[0-9]+}/logins': [
      { path: `/care-units/${f.unitId}/logins`, form: {}, expect: { ...registerStaff(303), stationY: 404 } },
    ],
    'POST /care-units/:id{[0-9]+}/members/:mid{[0-9]+}/login': [
      {
        path: `/care-units/${f.unitId}/members/${f.memberId}/login`,
        form: {},
        expect: { ...registerStaff(200), stationY: 404 },
      },
      { path: `/care-units/${f.orgA.id}/members/${f.memberId}/login`, form: {}, expect: registerStaff(404) },
    ],
    // Releasing a household never assigned changes nothing; one outside the unit's villages is not found.
    'POST /care-units/:id{[0-9]+}/households/:rid{[0-9]+}': [
      {
        path: `/care-units/${f.unitId}/households/${rx}`,
        form: { assign: '0' },
        expect: { ...registerStaff(303), stationY: 404 },
      },
      { path: `/care-units/${f.unitId}/households/${f.ry.id}`, form: { assign: '1' }, expect: registerStaff(404) },
    ],
    // A member's day: their unit's households only; another unit's or township's household is not found.
    'GET /care': [{ path: '/care', expect: only({ member: 200 }) }],
    'POST /care': [
      { path: '/care', form: {}, expect: only({ member: 422 }) },
      {
        path: '/care',
        form: { recipientId: String(f.ry.id), on: '2026-11-24', outcome: 'visited' },
        expect: only({ member: 404 }),
      },
    ],
    // The question before a death or a move, and the same-day undo (the matrix's member has no mis-tap to undo).
    'GET /care/:rid{[0-9]+}/confirm': [
      { path: `/care/${rx}/confirm?outcome=deceased&on=2026-11-24`, expect: only({ member: 200 }) },
      { path: `/care/${f.ry.id}/confirm?outcome=deceased&on=2026-11-24`, expect: only({ member: 404 }) },
    ],
    'GET /care/:rid{[0-9]+}/undo': [{ path: `/care/${rx}/undo`, expect: only({ member: 404 }) }],
    'POST /care/:rid{[0-9]+}/undo': [
      { path: `/care/${rx}/undo`, form: { on: '2026-11-24', outcome: 'visited' }, expect: only({ member: 404 }) },
    ],
    'POST /care/:rid{[0-9]+}/call': [
      { path: `/care/${rx}/call`, expect: only({ member: 200 }) },
      { path: `/care/${f.ry.id}/call`, expect: only({ member: 404 }) },
    ],
    'GET /volunteers': [{ path: '/volunteers', expect: ledgerStaff(200) }],
    'GET /volunteers/new': [{ path: '/volunteers/new', expect: ledgerStaff(200) }],
    'POST /volunteers': [{ path: '/volunteers', form: {}, expect: ledgerStaff(422) }],
    'GET /volunteers/:id{[0-9]+}': [
      { path: `/volunteers/${f.volunteerId}`, expect: { ...ledgerStaff(200), stationY: 404, coordB: 404 } },
    ],
    'POST /volunteers/:id{[0-9]+}/reveal': [
      { path: `/volunteers/${f.volunteerId}/reveal`, expect: { ...ledgerStaff(200), stationY: 404, coordB: 404 } },
    ],
    'GET /volunteers/:id{[0-9]+}/edit': [
      { path: `/volunteers/${f.volunteerId}/edit`, expect: { ...ledgerStaff(200), stationY: 404, coordB: 404 } },
    ],
    'POST /volunteers/:id{[0-9]+}': [
      { path: `/volunteers/${f.volunteerId}`, form: {}, expect: { ...ledgerStaff(422), stationY: 404, coordB: 404 } },
    ],
    'POST /volunteers/:id{[0-9]+}/approve': [
      { path: `/volunteers/${f.volunteerId}/approve`, expect: { ...ledgerStaff(303), stationY: 404, coordB: 404 } },
    ],
    'POST /volunteers/logins': [
      { path: '/volunteers/logins', form: {}, expect: ledgerStaff(303) },
      {
        path: '/volunteers/logins',
        form: { ids: String(f.volunteerId) },
        expect: { ...ledgerStaff(200), stationY: 404, coordB: 404 },
      },
    ],
    'POST /volunteers/:id{[0-9]+}/login': [
      { path: `/volunteers/${f.volunteerId}/login`, expect: { ...ledgerStaff(200), stationY: 404, coordB: 404 } },
    ],
    'GET /activate': [{ path: '/activate', expect: all(200, 200) }],
    'POST /activate': [{ path: '/activate', form: {}, expect: all(422, 422) }],
    'GET /join': [{ path: '/join', expect: all(200, 200) }],
    'POST /join': [{ path: '/join', form: {}, expect: all(422, 422) }],
    'GET /places': [{ path: '/places', expect: only({ admin: 200 }) }],
    'POST /places': [{ path: '/places', form: {}, expect: only({ admin: 422 }) }],
    'POST /places/villages': [{ path: '/places/villages', form: {}, expect: only({ admin: 422 }) }],
    // Service days and shifts: volunteers browse and sign up for themselves; managers see their own shifts.
    // Volunteers get the open shifts to take; managers get the shifts they manage.
    // A 守望之家 member neither takes nor manages shifts.
    'GET /shifts': [{ path: '/shifts', expect: { ...all(200), member: 403 } }],
    'GET /shifts/mine': [{ path: '/shifts/mine', expect: only({ volunteer: 200 }) }],
    'GET /shifts/hours': [{ path: '/shifts/hours', expect: only({ volunteer: 200 }) }],
    'GET /shifts/certificate': [{ path: '/shifts/certificate', expect: only({ volunteer: 200 }) }],
    // The matrix volunteer has no confirmed hours: asking for a certificate is refused with the reason.
    'POST /shifts/certificate': [{ path: '/shifts/certificate', form: {}, expect: only({ volunteer: 422 }) }],
    // Organisation A's certificate to the matrix volunteer: the volunteer, A's coordinator, station X and the admin.
    'GET /certificates/:serial': [
      {
        path: `/certificates/${MATRIX_SERIAL}`,
        expect: { ...ledgerStaff(200), volunteer: 200, coordB: 404, stationY: 404 },
      },
      { path: '/certificates/2026-ZZZZ-ZZZZ-ZZZZ', expect: { ...ledgerStaff(404), volunteer: 404 } },
    ],
    'GET /certificates/:file{[0-9A-Z-]+\\.docx}': [
      {
        path: `/certificates/${MATRIX_SERIAL}.docx`,
        expect: { ...ledgerStaff(200), volunteer: 200, coordB: 404, stationY: 404 },
      },
    ],
    'GET /verify': [{ path: '/verify', expect: all(200, 200) }],
    'GET /verify/:serial': [
      { path: `/verify/${MATRIX_SERIAL}`, expect: all(200, 200) },
      { path: '/verify/2026-ZZZZ-ZZZZ-ZZZZ', expect: all(404, 404) },
    ],
    'POST /shifts/:id{[0-9]+}/signup': [{ path: `/shifts/${f.shiftId}/signup`, expect: only({ volunteer: 303 }) }],
    'POST /shifts/:id{[0-9]+}/cancel': [{ path: `/shifts/${f.shiftId}/cancel`, expect: only({ volunteer: 303 }) }],
    // Shows the new secret address once, so it answers with the page rather than a redirect.
    'POST /shifts/calendar': [{ path: '/shifts/calendar', expect: only({ volunteer: 200 }) }],
    'POST /shifts/calendar/revoke': [{ path: '/shifts/calendar/revoke', expect: only({ volunteer: 303 }) }],
    'POST /shifts/notifications': [{ path: '/shifts/notifications', expect: only({ volunteer: 303 }) }],
    'GET /calendar/:file{[A-Za-z0-9_-]+\\.ics}': [{ path: '/calendar/not-a-real-token.ics', expect: all(404, 404) }],
    'GET /shifts/new': [{ path: '/shifts/new', expect: ledgerStaff(200) }],
    'POST /shifts': [{ path: '/shifts', form: {}, expect: ledgerStaff(422) }],
    'GET /shifts/:id{[0-9]+}': [
      { path: `/shifts/${f.shiftId}`, expect: { ...ledgerStaff(200), stationY: 404, coordB: 404 } },
    ],
    'GET /shifts/:id{[0-9]+}/edit': [
      { path: `/shifts/${f.shiftId}/edit`, expect: { ...ledgerStaff(200), stationY: 404, coordB: 404 } },
    ],
    'POST /shifts/:id{[0-9]+}/edit': [
      { path: `/shifts/${f.shiftId}/edit`, form: {}, expect: { ...ledgerStaff(422), stationY: 404, coordB: 404 } },
    ],
    'POST /shifts/:id{[0-9]+}/cancel-shift': [{ path: `/shifts/999999/cancel-shift`, expect: ledgerStaff(404) }],
    // Destructive roster actions ask first on a page (a GET that changes nothing).
    'GET /shifts/:id{[0-9]+}/cancel-shift': [
      { path: `/shifts/${f.shiftId}/cancel-shift`, expect: { ...ledgerStaff(200), stationY: 404, coordB: 404 } },
    ],
    // A volunteer not on the roster: nothing to confirm.
    'GET /shifts/:id{[0-9]+}/roster/:vid{[0-9]+}/remove': [
      { path: `/shifts/${f.shiftId}/roster/999999/remove`, expect: ledgerStaff(404) },
    ],
    'GET /shifts/:id{[0-9]+}/roster/:vid{[0-9]+}/move': [
      { path: `/shifts/${f.shiftId}/roster/${f.volunteerId}/move`, expect: ledgerStaff(404) },
    ],
    // An empty form: the reason on the roster page (422); a foreign shift: 404.
    'POST /shifts/:id{[0-9]+}/roster/add': [
      {
        path: `/shifts/${f.shiftId}/roster/add`,
        form: {},
        expect: { ...ledgerStaff(422), stationY: 404, coordB: 404 },
      },
    ],
    'POST /shifts/:id{[0-9]+}/roster/:vid{[0-9]+}/hours': [
      {
        path: `/shifts/${f.shiftId}/roster/${f.volunteerId}/hours`,
        form: {},
        expect: { ...ledgerStaff(303), stationY: 404, coordB: 404 },
      },
    ],
    // No target shift given: there is nothing to move to.
    'POST /shifts/:id{[0-9]+}/roster/:vid{[0-9]+}/move': [
      {
        path: `/shifts/${f.shiftId}/roster/${f.volunteerId}/move`,
        form: {},
        expect: { ...ledgerStaff(404), stationY: 404, coordB: 404 },
      },
    ],
    'POST /shifts/:id{[0-9]+}/roster/:vid{[0-9]+}/remove': [
      { path: `/shifts/999999/roster/${f.volunteerId}/remove`, expect: ledgerStaff(404) },
    ],
    'GET /shifts/templates': [{ path: '/shifts/templates', expect: ledgerStaff(200) }],
    'POST /shifts/templates': [{ path: '/shifts/templates', form: {}, expect: ledgerStaff(422) }],
    // Station X's template: the other station and the organisations do not reach it.
    'POST /shifts/templates/:id{[0-9]+}': [
      {
        path: `/shifts/templates/${f.templateId}`,
        form: {},
        expect: { ...ledgerStaff(422), stationY: 404, coordA: 404, coordB: 404 },
      },
    ],
    'GET /shifts/templates/:id{[0-9]+}/delete': [
      {
        path: `/shifts/templates/${f.templateId}/delete`,
        expect: { ...ledgerStaff(200), stationY: 404, coordA: 404, coordB: 404 },
      },
    ],
    // A template that does not exist, so the matrix deletes nothing whatever order it runs in.
    'POST /shifts/templates/:id{[0-9]+}/delete': [
      { path: '/shifts/templates/999999/delete', expect: ledgerStaff(404) },
    ],
    'GET /service-days': [{ path: '/service-days', expect: only({ admin: 200 }) }],
    // The county's service days: a day that does not exist, so the matrix moves and cancels nothing.
    'GET /service-days/:id{[0-9]+}': [{ path: '/service-days/999999', expect: only({ admin: 404 }) }],
    'POST /service-days/:id{[0-9]+}/move': [
      { path: '/service-days/999999/move', form: { heldOn: '2027-03-01' }, expect: only({ admin: 404 }) },
    ],
    'GET /service-days/:id{[0-9]+}/cancel': [{ path: '/service-days/999999/cancel', expect: only({ admin: 404 }) }],
    'POST /service-days/:id{[0-9]+}/cancel': [{ path: '/service-days/999999/cancel', expect: only({ admin: 404 }) }],
    'GET /plans/coverage': [{ path: '/plans/coverage', expect: registerStaff(200) }],
    'POST /plans/coverage': [
      // Township X's own period: its station and the admin set it; to another township's station X is not one of
      // the form's choices, refused with a message like any bad choice.
      {
        path: '/plans/coverage',
        form: { townshipId: String(f.x.id), months: '6' },
        expect: { ...registerStaff(303), stationY: 422 },
      },
      { path: '/plans/coverage', form: { townshipId: '', months: '5' }, expect: registerStaff(422) },
      // The county's own period is the admin's alone.
      { path: '/plans/coverage', form: { townshipId: '', months: '2' }, expect: { ...registerStaff(403), admin: 303 } },
    ],
    'GET /plans/:shiftId{[0-9]+}': [
      { path: `/plans/${f.shiftId}`, expect: { ...ledgerStaff(200), stationY: 404, coordB: 404 } },
    ],
    'POST /plans/:shiftId{[0-9]+}/replan': [
      { path: `/plans/${f.shiftId}/replan`, expect: { ...ledgerStaff(303), stationY: 404, coordB: 404 } },
    ],
    'POST /plans/:shiftId{[0-9]+}/publish': [
      { path: `/plans/${f.shiftId}/publish`, expect: { ...ledgerStaff(303), stationY: 404, coordB: 404 } },
    ],
    'GET /plans/:shiftId{[0-9]+}/sheets': [
      { path: `/plans/${f.shiftId}/sheets`, expect: { ...ledgerStaff(200), stationY: 404, coordB: 404 } },
    ],
    'POST /plans/:shiftId{[0-9]+}/assignments/:aid{[0-9]+}/pin': [
      { path: `/plans/${f.shiftId}/assignments/999999/pin`, expect: ledgerStaff(404) },
    ],
    'POST /plans/:shiftId{[0-9]+}/assignments/:aid{[0-9]+}/remove': [
      { path: `/plans/${f.shiftId}/assignments/999999/remove`, expect: ledgerStaff(404) },
    ],
    'POST /plans/:shiftId{[0-9]+}/assignments/:aid{[0-9]+}/reassign': [
      { path: `/plans/${f.shiftId}/assignments/999999/reassign`, form: {}, expect: ledgerStaff(404) },
    ],
    'GET /resume': [{ path: '/resume', expect: all(200) }],
    'GET /visits/tasks': [{ path: '/visits/tasks', expect: only({ admin: 200, stationX: 200, stationY: 200 }) }],
    'POST /visits/tasks/:id{[0-9]+}/done': [
      { path: '/visits/tasks/999999/done', expect: only({ admin: 404, stationX: 404, stationY: 404 }) },
    ],
    'GET /visits/records/:id{[0-9]+}/correct': [
      { path: '/visits/records/999999/correct', expect: only({ admin: 404, stationX: 404, stationY: 404 }) },
    ],
    'POST /visits/records/:id{[0-9]+}/correct': [
      { path: '/visits/records/999999/correct', form: {}, expect: only({ admin: 404, stationX: 404, stationY: 404 }) },
    ],
    'POST /plans/:shiftId{[0-9]+}/sheets/:volunteerId{[0-9]+}': [
      { path: `/plans/${f.shiftId}/sheets/999999`, expect: ledgerStaff(404) },
    ],
    'GET /plans/:shiftId{[0-9]+}/results/:volunteerId{[0-9]+}': [
      { path: `/plans/${f.shiftId}/results/999999`, expect: ledgerStaff(404) },
    ],
    'POST /plans/:shiftId{[0-9]+}/results/:volunteerId{[0-9]+}': [
      { path: `/plans/${f.shiftId}/results/999999`, form: {}, expect: ledgerStaff(404) },
    ],
    'POST /plans/:shiftId{[0-9]+}/capacity': [
      {
        path: `/plans/${f.shiftId}/capacity`,
        form: { households: '4' },
        expect: { ...ledgerStaff(303), stationY: 404, coordB: 404 },
      },
    ],
    'POST /plans/:shiftId{[0-9]+}/households': [
      {
        path: `/plans/${f.shiftId}/households`,
        form: { recipientId: '999999', volunteerId: '1' },
        expect: ledgerStaff(404),
      },
    ],
    'GET /visits/today': [{ path: '/visits/today', expect: only({ volunteer: 200 }) }],
    'GET /visits/today/:aid{[0-9]+}': [{ path: '/visits/today/999999', expect: only({ volunteer: 404 }) }],
    'POST /visits/today/:aid{[0-9]+}': [{ path: '/visits/today/999999', form: {}, expect: only({ volunteer: 404 }) }],
    'GET /visits/today/:aid{[0-9]+}/correct': [
      { path: '/visits/today/999999/correct', expect: only({ volunteer: 404 }) },
    ],
    'POST /visits/today/:aid{[0-9]+}/correct': [
      { path: '/visits/today/999999/correct', form: {}, expect: only({ volunteer: 404 }) },
    ],
    'POST /visits/today/:aid{[0-9]+}/call': [{ path: '/visits/today/999999/call', expect: only({ volunteer: 404 }) }],
    'GET /visits/cadence': [{ path: '/visits/cadence', expect: only({ admin: 200 }) }],
    'POST /visits/cadence': [{ path: '/visits/cadence', form: { full: '0' }, expect: only({ admin: 422 }) }],
    'GET /visits/compliance': [{ path: '/visits/compliance', expect: registerStaff(200) }],
    'GET /visits/recipients/:id{[0-9]+}/requirements': [
      { path: `/visits/recipients/${rx}/requirements`, expect: { ...registerStaff(200), stationY: 404 } },
    ],
    'POST /visits/recipients/:id{[0-9]+}/requirements': [
      {
        path: `/visits/recipients/${rx}/requirements`,
        form: { visitors: '3' },
        expect: { ...registerStaff(422), stationY: 404 },
      },
    ],
    'GET /visits/overdue': [{ path: '/visits/overdue', expect: registerStaff(200) }],
    'GET /visits/recipients/:id{[0-9]+}/new': [
      { path: `/visits/recipients/${rx}/new`, expect: { ...registerStaff(200), stationY: 404 } },
    ],
    'POST /visits/recipients/:id{[0-9]+}': [
      { path: `/visits/recipients/${rx}`, form: {}, expect: { ...registerStaff(422), stationY: 404 } },
    ],
    'GET /needs': [{ path: '/needs', expect: registerStaff(200) }],
    'POST /needs/:id{[0-9]+}/assign': [
      { path: `/needs/${f.needId}/assign`, form: {}, expect: { ...registerStaff(422), stationY: 404 } },
    ],
    'POST /needs/:id{[0-9]+}/resolve': [
      { path: `/needs/${f.needId}/resolve`, form: {}, expect: { ...registerStaff(422), stationY: 404 } },
    ],
    'GET /activities': [{ path: '/activities', expect: ledgerStaff(200) }],
    'GET /activities/new': [{ path: '/activities/new', expect: ledgerStaff(200) }],
    'GET /activities/line': [{ path: '/activities/line?index=3', expect: ledgerStaff(200) }],
    'GET /activities/recipients': [{ path: '/activities/recipients?q=张', expect: ledgerStaff(200) }],
    'POST /activities': [{ path: '/activities', form: {}, expect: ledgerStaff(422) }],
    'GET /activities/:id{[0-9]+}': [
      { path: `/activities/${act}`, expect: { ...ledgerStaff(200), stationY: 404, coordB: 404 } },
    ],
    'POST /activities/:id{[0-9]+}/lines/:line{[0-9]+}/reverse': [
      {
        path: `/activities/${act}/lines/${f.lineId}/reverse`,
        form: { replacement: 'not money' },
        expect: { ...ledgerStaff(422), stationY: 404, coordB: 404 },
      },
    ],
    'POST /activities/:id{[0-9]+}/void': [
      // No reason: refused with 422 inside the scope, 404 outside it; nothing is voided either way.
      {
        path: `/activities/${act}/void`,
        form: { reason: '' },
        expect: { ...ledgerStaff(422), stationY: 404, coordB: 404 },
      },
    ],
    'GET /certificates/issue': [{ path: '/certificates/issue', expect: ledgerStaff(200) }],
    'POST /certificates/issue': [{ path: '/certificates/issue', form: {}, expect: ledgerStaff(422) }],
    'GET /activities/double-aid': [
      { path: '/activities/double-aid?month=2026-11', expect: registerStaff(200) },
      { path: '/activities/double-aid?month=2026-13', expect: registerStaff(422) },
    ],
    'GET /activities/double-aid/check': [
      { path: `/activities/double-aid/check?recipientIds=${f.rx.id}`, expect: ledgerStaff(200) },
    ],
    'GET /activities/import': [{ path: '/activities/import', expect: only({ admin: 200 }) }],
    'POST /activities/import': [{ path: '/activities/import', form: {}, expect: only({ admin: 422 }) }],
    'POST /activities/import/confirm': [
      { path: '/activities/import/confirm', form: { token: 'expired' }, expect: only({ admin: 422 }) },
    ],
    'POST /activities/import/discard': [
      { path: '/activities/import/discard', form: { token: 'none' }, expect: only({ admin: 200 }) },
    ],
    'POST /activities/export.csv': [{ path: '/activities/export.csv', expect: only({ admin: 200 }) }],
    'POST /activities/export.xlsx': [{ path: '/activities/export.xlsx', expect: only({ admin: 200 }) }],
    'GET /reports/aid': [{ path: '/reports/aid?year=2026', expect: ledgerStaff(200) }],
    'POST /reports/aid.csv': [{ path: '/reports/aid.csv?year=2026', expect: ledgerStaff(200) }],
    'POST /reports/aid.xlsx': [{ path: '/reports/aid.xlsx?year=2026', expect: ledgerStaff(200) }],
    'POST /reports/aid.docx': [{ path: '/reports/aid.docx?year=2026', expect: ledgerStaff(200) }],
    // Last: it ends each role's session.
    'POST /logout': [{ path: '/logout', expect: all(303) }],
  };
}
