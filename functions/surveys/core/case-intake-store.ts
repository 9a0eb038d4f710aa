import type { CaseContext, CustomerContact } from './case-resolution-items.ts';
import type { SurveyStore } from './survey-store.ts';

/** What the case routes (`/cases/resolved`, `/cases/reopened`, survey decisions) need of the survey store. */
export interface CaseIntakeStore extends Pick<SurveyStore, 'loadCustomerHistory' | 'scheduleInvitation' | 'recordSkip' | 'cancelForReopen' | 'listDecisions'> {
  /**
   * Writes the customer's contact and the case's context, each unless a later resolution already
   * refreshed it (support systems retry and may deliver out of order).
   */
  saveCaseResolution(contact: CustomerContact, context: CaseContext): Promise<void>;
}
