import { zhActivation } from '../../modules/activation/messages.js';
import { zhCareUnits } from '../../modules/care-units/messages.js';
import { zhCertificates } from '../../modules/certificates/messages.js';
import { zhKept } from '../../modules/kept/messages.js';
import { zhDoubleAid } from '../../modules/ledger/double-aid-messages.js';
import { zhLedger } from '../../modules/ledger/messages.js';
import { zhNotices } from '../../modules/notices/messages.js';
import { zhOrganisations } from '../../modules/organisations/messages.js';
import { zhPlaces } from '../../modules/places/messages.js';
import { zhPlanCoverage } from '../../modules/plans/coverage-messages.js';
import { zhPlans } from '../../modules/plans/messages.js';
import { zhAgreements } from '../../modules/recipients/agreement-messages.js';
import { zhAidHistory } from '../../modules/recipients/history-messages.js';
import { zhRecipients } from '../../modules/recipients/messages.js';
import { zhRegistry } from '../../modules/registry/messages.js';
import { zhReports } from '../../modules/reports/messages.js';
import { zhServiceDays } from '../../modules/service-days/messages.js';
import { zhShifts } from '../../modules/shifts/messages.js';
import { zhRoster } from '../../modules/shifts/roster-messages.js';
import { zhCompliance } from '../../modules/visits/compliance-messages.js';
import { zhField } from '../../modules/visits/field-messages.js';
import { zhVisits } from '../../modules/visits/messages.js';
import { zhVolunteers } from '../../modules/volunteers/messages.js';
import { zhCommon } from './common.js';

/** The Chinese dictionary: the reference set of keys. Each module's strings are spread in here. */
export const zh = {
  ...zhCommon,
  ...zhRegistry,
  ...zhRecipients,
  ...zhAidHistory,
  ...zhAgreements,
  ...zhLedger,
  ...zhDoubleAid,
  ...zhReports,
  ...zhVisits,
  ...zhCompliance,
  ...zhField,
  ...zhKept,
  ...zhPlans,
  ...zhPlanCoverage,
  ...zhOrganisations,
  ...zhVolunteers,
  ...zhPlaces,
  ...zhShifts,
  ...zhCertificates,
  ...zhServiceDays,
  ...zhRoster,
  ...zhNotices,
  ...zhActivation,
  ...zhCareUnits,
} as const;
