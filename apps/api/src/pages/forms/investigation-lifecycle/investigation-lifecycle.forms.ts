import {
  AssignInvestigatorDto,
  CloseInvestigationDto,
  SubmitReportDto,
} from '../../../investigations/investigation.dto';
import { ReasonDto } from '../../../shared-dto/reason.dto';
import { INSTANT_HINT, REASON_FIELD } from '../machinery/choices';
import { defineForm } from '../machinery/form-definition';
import { investigationScene } from '../machinery/investigation-scene';
import { investigationTargets, investigationTargetsIn } from '../machinery/investigation-targets';

/** Investigator (or admin): assign an investigator to an investigation (InvestigatorAssigned). */
export const investigatorAssignForm = defineForm({
  id: 'investigator-assign',
  title: 'Assign an investigator',
  apiRoute: 'POST /investigations/:id/investigators',
  dto: AssignInvestigatorDto,
  params: ['investigation'],
  targets: investigationTargets,
  async load(context) {
    const { investigation, record, stream } = await investigationScene(context);
    return {
      record,
      stream,
      intro: `Assigned now: ${investigation.investigators.join(', ') || 'nobody'}. Only those assigned write in an investigation.`,
      submitLabel: 'Assign',
      sections: [
        {
          fields: [
            {
              name: 'investigatorId',
              label: 'Principal id of the investigator',
              kind: 'text',
              hint: 'The id the ledger knows the investigator by (from LEDGER_PRINCIPALS or POST /principals).',
            },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context, params) =>
    api.investigations.assign(params.investigation, dto, context),
});

/** Investigator: submit the investigation's report (InvestigationReportSubmitted). */
export const reportSubmitForm = defineForm({
  id: 'report-submit',
  title: 'Submit the report',
  apiRoute: 'POST /investigations/:id/reports',
  dto: SubmitReportDto,
  params: ['investigation'],
  targets: investigationTargets,
  async load(context) {
    const { record, stream } = await investigationScene(context);
    return {
      record,
      stream,
      intro: 'The ledger keeps the report’s fingerprint, not the report.',
      submitLabel: 'Submit the report',
      sections: [
        {
          fields: [
            { name: 'summary', label: 'Summary', kind: 'textarea' },
            {
              name: 'reportSha256',
              label: 'SHA-256 of the report',
              kind: 'sha256',
              optional: true,
              hint: '64 hexadecimal characters, as the command sha256sum prints them.',
            },
            { name: 'submittedAt', label: 'Submitted at', kind: 'instant', hint: INSTANT_HINT },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context, params) =>
    api.investigations.submitReport(params.investigation, dto, context),
});

/** Investigator: close the investigation (InvestigationClosed). */
export const investigationCloseForm = defineForm({
  id: 'investigation-close',
  title: 'Close the investigation',
  apiRoute: 'POST /investigations/:id/closure',
  dto: CloseInvestigationDto,
  params: ['investigation'],
  targets: investigationTargets,
  async load(context) {
    const { record, stream } = await investigationScene(context);
    return {
      record,
      stream,
      intro:
        'A closed investigation accepts no new findings, namings or recommendations until it is reopened with a reason.',
      submitLabel: 'Close the investigation',
      sections: [{ fields: [{ name: 'summary', label: 'Summary', kind: 'textarea' }] }],
    };
  },
  submit: (api, dto, context, params) =>
    api.investigations.close(params.investigation, dto, context),
});

/** Investigator: reopen a closed investigation, with a reason (InvestigationReopened). */
export const investigationReopenForm = defineForm({
  id: 'investigation-reopen',
  title: 'Reopen the investigation',
  apiRoute: 'POST /investigations/:id/reopening',
  dto: ReasonDto,
  params: ['investigation'],
  targets: (context) => investigationTargetsIn(context, 'closed'),
  async load(context) {
    const { record, stream } = await investigationScene(context);
    return {
      record,
      stream,
      submitLabel: 'Reopen the investigation',
      sections: [{ fields: [REASON_FIELD] }],
    };
  },
  submit: (api, dto, context, params) =>
    api.investigations.reopen(params.investigation, dto, context),
});
