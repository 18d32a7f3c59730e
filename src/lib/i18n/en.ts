import { enActivation } from '../../modules/activation/messages.js';
import { enCareUnits } from '../../modules/care-units/messages.js';
import { enCertificates } from '../../modules/certificates/messages.js';
import { enKept } from '../../modules/kept/messages.js';
import { enDoubleAid } from '../../modules/ledger/double-aid-messages.js';
import { enLedger } from '../../modules/ledger/messages.js';
import { enNotices } from '../../modules/notices/messages.js';
import { enOrganisations } from '../../modules/organisations/messages.js';
import { enPlaces } from '../../modules/places/messages.js';
import { enPlanCoverage } from '../../modules/plans/coverage-messages.js';
import { enPlans } from '../../modules/plans/messages.js';
import { enAgreements } from '../../modules/recipients/agreement-messages.js';
import { enAidHistory } from '../../modules/recipients/history-messages.js';
import { enRecipients } from '../../modules/recipients/messages.js';
import { enRegistry } from '../../modules/registry/messages.js';
import { enReports } from '../../modules/reports/messages.js';
import { enServiceDays } from '../../modules/service-days/messages.js';
import { enShifts } from '../../modules/shifts/messages.js';
import { enRoster } from '../../modules/shifts/roster-messages.js';
import { enCompliance } from '../../modules/visits/compliance-messages.js';
import { enField } from '../../modules/visits/field-messages.js';
import { enVisits } from '../../modules/visits/messages.js';
import { enVolunteers } from '../../modules/volunteers/messages.js';
import { enCommon } from './common.js';
import type { Dictionary } from './core.js';

export const en: Dictionary = {
  ...enCommon,
  ...enRegistry,
  ...enRecipients,
  ...enAidHistory,
  ...enAgreements,
  ...enLedger,
  ...enDoubleAid,
  ...enReports,
  ...enVisits,
  ...enCompliance,
  ...enField,
  ...enKept,
  ...enPlans,
  ...enPlanCoverage,
  ...enOrganisations,
  ...enVolunteers,
  ...enPlaces,
  ...enShifts,
  ...enCertificates,
  ...enServiceDays,
  ...enRoster,
  ...enNotices,
  ...enActivation,
  ...enCareUnits,
};
