import type { LivingCounty } from './county.js';

/**
 * What `seed --demo` prints: a block a person reads once (the passwords are not stored anywhere else), then one
 * line of JSON with the logins for scripts, last, so `tail -n 1` finds it.
 */
export function demoReport(county: LivingCounty): string[] {
  // ASCII columns first, the Chinese name last: wide characters would break the alignment.
  const width = Math.max(...county.logins.map((l) => l.username.length));
  const roleWidth = Math.max(...county.logins.map((l) => l.role.length));
  return [
    `守望 demo county seeded: ${county.townships} townships, ${county.villages} villages, ${county.organisations} organisations, ${county.volunteers} volunteers, ${county.recipients} recipients.`,
    `History ${county.history.from} – ${county.history.to}: ${county.history.shifts} shifts staffed, ${county.history.plans} plans published, ${county.history.visits} visits, ${county.history.activities} aid events.`,
    `守望之家: ${county.care.units} units, ${county.care.members} members, ${county.care.visits} care visits in the last 30 days.`,
    `Coming service days ${county.coming.serviceDays.join(', ')}: ${county.coming.shifts} shifts open.`,
    '',
    'Demo logins (shown once; the passwords are random and stored only as hashes):',
    ...county.logins.map((l) => `  ${l.role.padEnd(roleWidth)}  ${l.username.padEnd(width)}  ${l.password}  ${l.who}`),
    '',
    JSON.stringify({ logins: county.logins.map(({ role, username, password }) => ({ role, username, password })) }),
  ];
}
