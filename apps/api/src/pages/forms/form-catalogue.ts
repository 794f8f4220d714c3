import {
  contingentCommendForm,
  contingentEvaluateForm,
  contingentReHatForm,
  contingentRegisterForm,
  contingentRotateForm,
  missionRegisterForm,
} from './admin-registers/admin-registers.forms';
import {
  contingentReturnForm,
  contingentWithdrawalForm,
} from './contingent-withdrawal/contingent-withdrawal.forms';
import { custodyTransferForm } from './custody-transfer/custody-transfer.form';
import { evidenceLogForm } from './evidence-log/evidence-log.form';
import {
  findingReviseForm,
  findingWithdrawForm,
} from './finding-correction/finding-correction.forms';
import {
  incidentAmendForm,
  incidentUnitsForm,
} from './incident-amendment/incident-amendment.forms';
import {
  investigationCloseForm,
  investigationReopenForm,
  investigatorAssignForm,
  reportSubmitForm,
} from './investigation-lifecycle/investigation-lifecycle.forms';
import { findingRecordForm } from './finding-record/finding-record.form';
import { incidentCloseForm, incidentReopenForm } from './incident-closure/incident-closure.forms';
import { incidentInvestigatorForm } from './incident-investigator/incident-investigator.form';
import { incidentReportForm } from './incident-report/incident-report.form';
import { investigationOpenForm } from './investigation-open/investigation-open.form';
import { leaderDecisionDirectForm } from './leader-decision/leader-decision-direct.form';
import { leaderDecisionForm } from './leader-decision/leader-decision.form';
import type { FormDefinition } from './machinery/form-definition';
import {
  leaderAppointForm,
  leaderDepartureForm,
} from './mission-leadership/mission-leadership.forms';
import { nationalInvestigatorForm } from './national-investigator/national-investigator.form';
import { recommendationIssueForm } from './recommendation-issue/recommendation-issue.form';
import { repatriationDecisionForm } from './repatriation-decision/repatriation-decision.form';
import {
  repatriationImplementationForm,
  repatriationLapseForm,
  repatriationReversalForm,
} from './repatriation-outcome/repatriation-outcome.forms';
import {
  principalCreateForm,
  tokenIssueForm,
  tokensRevokeForm,
} from './principals/principals.forms';
import { subjectErasureForm } from './subject-erasure/subject-erasure.form';
import { tccNotificationForm } from './tcc-notification/tcc-notification.form';
import { tccReplyForm } from './tcc-reply/tcc-reply.form';
import { unitNamingForm } from './unit-naming/unit-naming.form';

/** Every web form, in the order the list of forms shows them. */
export const FORMS: readonly FormDefinition[] = [
  incidentReportForm,
  incidentAmendForm,
  incidentUnitsForm,
  incidentCloseForm,
  incidentReopenForm,
  incidentInvestigatorForm,
  investigationOpenForm,
  investigatorAssignForm,
  nationalInvestigatorForm,
  evidenceLogForm,
  custodyTransferForm,
  findingRecordForm,
  findingReviseForm,
  findingWithdrawForm,
  unitNamingForm,
  recommendationIssueForm,
  reportSubmitForm,
  investigationCloseForm,
  investigationReopenForm,
  tccNotificationForm,
  repatriationDecisionForm,
  leaderDecisionForm,
  leaderDecisionDirectForm,
  repatriationImplementationForm,
  repatriationReversalForm,
  repatriationLapseForm,
  tccReplyForm,
  missionRegisterForm,
  leaderAppointForm,
  leaderDepartureForm,
  contingentRegisterForm,
  contingentRotateForm,
  contingentReHatForm,
  contingentWithdrawalForm,
  contingentReturnForm,
  contingentEvaluateForm,
  contingentCommendForm,
  principalCreateForm,
  tokenIssueForm,
  tokensRevokeForm,
  subjectErasureForm,
];

export const formById = (id: string): FormDefinition | undefined =>
  FORMS.find((form) => form.id === id);
