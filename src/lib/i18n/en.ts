import { enLedger } from '../../modules/ledger/messages.js';
import { enNotices } from '../../modules/notices/messages.js';
import { enOrganisations } from '../../modules/organisations/messages.js';
import { enPlaces } from '../../modules/places/messages.js';
import { enPlans } from '../../modules/plans/messages.js';
import { enRecipients } from '../../modules/recipients/messages.js';
import { enRegistry } from '../../modules/registry/messages.js';
import { enReports } from '../../modules/reports/messages.js';
import { enShifts } from '../../modules/shifts/messages.js';
import { enVisits } from '../../modules/visits/messages.js';
import { enVolunteers } from '../../modules/volunteers/messages.js';
import { enCommon } from './common.js';
import type { Dictionary } from './core.js';

export const en: Dictionary = {
  ...enCommon,
  ...enRegistry,
  ...enRecipients,
  ...enLedger,
  ...enReports,
  ...enVisits,
  ...enPlans,
  ...enOrganisations,
  ...enVolunteers,
  ...enPlaces,
  ...enShifts,
  ...enNotices,
};
