import type { Db } from '../../src/db/client.js';
import type { PersonalDataCipher } from '../../src/lib/personal-data.js';
import { JOURNEY_PASSWORD, planJourney } from './plan-journey.js';

export const FIELD_PASSWORD = JOURNEY_PASSWORD;

/**
 * A volunteer (login `xiaowang`) with one published household on today's shift of a social organisation: 周奶奶,
 * whose daughter's number is 13912345678. For browser tests against a live server (real clock).
 */
export async function fieldDay(db: Db, cipher: PersonalDataCipher, now = new Date()) {
  const day = await planJourney(db, cipher, {
    now,
    township: '花石镇',
    village: '花石村',
    organisation: { name: '阳光社工', kind: 'social_org' },
    volunteer: { name: '小王', mobile: '13700001111', username: 'xiaowang' },
    households: [
      {
        name: '周奶奶',
        idNumber: '430321194001011234',
        address: '花石村3组',
        careLevel: 'full',
        caregiverName: '女儿',
        caregiverMobile: '13912345678',
      },
    ],
    published: true,
  });
  return {
    ...day,
    userId: day.volunteerUserId!,
    recipient: day.recipients[0],
    assignment: day.assignments[0],
  };
}
