import { zhLedger } from '../../modules/ledger/messages.js';
import { zhNotices } from '../../modules/notices/messages.js';
import { zhOrganisations } from '../../modules/organisations/messages.js';
import { zhPlaces } from '../../modules/places/messages.js';
import { zhPlans } from '../../modules/plans/messages.js';
import { zhRecipients } from '../../modules/recipients/messages.js';
import { zhRegistry } from '../../modules/registry/messages.js';
import { zhReports } from '../../modules/reports/messages.js';
import { zhShifts } from '../../modules/shifts/messages.js';
import { zhVisits } from '../../modules/visits/messages.js';
import { zhVolunteers } from '../../modules/volunteers/messages.js';
import { zhCommon } from './common.js';

/** The Chinese dictionary: the reference set of keys. Each module's strings are spread in here. */
export const zh = {
  ...zhCommon,
  ...zhRegistry,
  ...zhRecipients,
  ...zhLedger,
  ...zhReports,
  ...zhVisits,
  ...zhPlans,
  ...zhOrganisations,
  ...zhVolunteers,
  ...zhPlaces,
  ...zhShifts,
  ...zhNotices,
} as const;
