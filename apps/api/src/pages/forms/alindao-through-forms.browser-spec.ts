import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LedgerClient } from '../../../../../test/support/http-client';
import { startLedgerProcess, type LedgerProcess } from '../../../../../test/support/ledger-process';
import { principals } from '../../../../../test/support/principals';
import {
  NO_CIVILIANS,
  NO_LIAISON,
  OVERSTRETCHED,
  recordAlindao,
  recordMinusca,
  UNFAIR,
} from '../../../../../test/stories/recordings/alindao';
import {
  launchChromium,
  inContext,
  type LaunchedBrowser,
} from '../../../../../test/browser/support/chromium';
import { principalsEnv } from '../../../../../test/browser/support/ledger';
import { signIn } from '../../../../../test/browser/support/session';
import {
  fillForm,
  idOf,
  openFromList,
  submitForm,
  type FormValue,
} from '../../../../../test/browser/support/forms';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** What differs between two recordings of one story by nature: ids, clocks, hashes, requests. */
const APART = new Set([
  'recordedAt',
  'hash',
  'prevHash',
  'eventId',
  'correlationId',
  'causationId',
  'at',
  'issuedAt',
  'lastRecordedAt',
  'since',
  // Follow-through's recorded clock: when the incident report was recorded, by another name.
  'incidentReportedAt',
]);

/** The answer with every UUID numbered in order of first appearance, and clocks and hashes aside. */
function normalised(answer: unknown): unknown {
  const ids = new Map<string, string>();
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return value.replace(UUID, (id) => {
        if (!ids.has(id)) ids.set(id, `<id ${ids.size + 1}>`);
        return ids.get(id)!;
      });
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([key]) => !APART.has(key) && !/RecordedAt$/.test(key))
          // A recommendation's decision window starts when the recommendation was recorded.
          .filter(
            ([key]) =>
              !(
                key === 'startedAt' &&
                (value as { kind?: unknown }).kind === 'recommendation_decision'
              ),
          )
          .map(([key, item]) => [walk(key), walk(item)]),
      );
    }
    return value;
  };
  return walk(answer);
}

interface Ledger {
  process: LedgerProcess;
  client: LedgerClient;
  dataDir: string;
}

async function startLedger(): Promise<Ledger> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-forms-'));
  const process = await startLedgerProcess(dataDir, { LEDGER_PRINCIPALS: principalsEnv() });
  return { process, client: process.client, dataDir };
}

async function stopLedger(ledger: Ledger | undefined): Promise<void> {
  if (!ledger) return;
  await ledger.process.stop();
  fs.rmSync(ledger.dataDir, { recursive: true, force: true });
}

/**
 * The Alindao story (MINUSCA, 2018) recorded entirely through the web forms, as the Board of
 * Inquiry investigator, the Under-Secretary-General and the Mauritanian liaison would, with the
 * administrator's registrations through the API; then every JSON answer about it compared with
 * the same story recorded through the JSON API (ids, clocks and hashes aside).
 */
describe('The Alindao story, recorded through the web forms', () => {
  let chromium: LaunchedBrowser;
  let browser: Browser;
  let viaForms: Ledger;
  let viaApi: Ledger;
  const ids = {
    mauritania: '',
    incident: '',
    investigation: '',
    decision: '',
    apiIncident: '',
    apiInvestigation: '',
    apiDecision: '',
    apiMauritania: '',
  };

  beforeAll(async () => {
    chromium = await launchChromium();
    browser = chromium.browser;
    [viaForms, viaApi] = await Promise.all([startLedger(), startLedger()]);
    ids.apiMauritania = await recordMinusca(viaApi.client);
    const story = await recordAlindao(viaApi.client, ids.apiMauritania);
    ids.apiIncident = story.incidentId;
    ids.apiInvestigation = story.investigationId;
    ids.apiDecision = story.decisionId;
  }, 300_000);

  afterAll(async () => {
    if (process.env.FORMS_LOG)
      fs.writeFileSync(process.env.FORMS_LOG, viaForms?.process.output() ?? '');
    await chromium?.close();
    await stopLedger(viaForms);
    await stopLedger(viaApi);
  });

  async function as(
    token: string,
    javaScript: boolean,
    work: (page: Page, baseUrl: string) => Promise<void>,
  ): Promise<void> {
    await inContext(browser, { viewport: 'wide', javaScript }, async ({ context, watch }) => {
      const page = await context.newPage();
      await signIn(page, viaForms.client.baseUrl, token);
      await work(page, viaForms.client.baseUrl);
      expect(watch.external).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
    });
  }

  it('records the story through the forms, as investigator, decision authority and Mauritanian liaison', async () => {
    const admin = viaForms.client.as('admin');
    ids.mauritania = await recordMinusca(viaForms.client);
    await admin.create(`/contingents/${ids.mauritania}/evaluations`, {
      evaluatedAt: '2018-06-30T00:00:00Z',
      rating: 'meets_standard',
      summary: "Force commander's evaluation of the battalion before the attack",
    });

    await as(principals.investigator.token, true, async (page, baseUrl) => {
      await openFromList(page, baseUrl, 'Report an incident');
      await fillForm(page, {
        missionCode: 'MINUSCA',
        occurredAt: '2018-11-15T10:00:00+01:00',
        'location.name': 'Alindao displacement camp',
        category: 'attack_on_civilians',
        summary: 'Armed attack on the displacement camp; more than 100 civilians killed',
        contingentIds: [ids.mauritania],
      });
      ids.incident = idOf((await submitForm(page)).recordHref);

      await openFromList(
        page,
        baseUrl,
        'Open an investigation',
        /Armed attack on the displacement camp/,
      );
      await fillForm(page, {
        kind: 'special_investigation',
        title:
          'Special investigation, with the Office for Peacekeeping Strategic Partnership, into the attack on Alindao',
      });
      ids.investigation = idOf((await submitForm(page)).recordHref);

      const finding = async (values: Record<string, FormValue>) => {
        await openFromList(
          page,
          baseUrl,
          'Record a finding',
          /Special investigation, with the Office/,
        );
        await fillForm(page, values);
        await submitForm(page);
      };
      const onTheUnit = {
        'attributions[0].level': 'unit',
        'attributions[0].contingentId': ids.mauritania,
      };
      await finding({
        statement: 'The Mauritanian troops were severely overstretched',
        category: 'resourcing',
        severity: 'high',
        ...onTheUnit,
        'attributions[1].level': 'mission_leadership',
        contextFactors: [OVERSTRETCHED, NO_LIAISON, NO_CIVILIANS].join('\n'),
      });
      await finding({
        statement: 'The Mauritanian troops had a poor understanding of the rules of engagement',
        category: 'rules_of_engagement',
        severity: 'high',
        ...onTheUnit,
        contextFactors: OVERSTRETCHED,
      });
      await finding({
        statement: 'The Mauritanian troops exhibited passivity during the attack',
        category: 'conduct',
        severity: 'high',
        ...onTheUnit,
        contextFactors: [OVERSTRETCHED, NO_LIAISON].join('\n'),
      });
      await finding({
        statement: 'The Mauritanian troops might have harboured bias in favour of the attackers',
        category: 'conduct',
        severity: 'critical',
        ...onTheUnit,
      });
      // The blame shared by the mission's components: typed in rows 1, 3 and 4 (a row left
      // empty between them is left out, as a JSON client would leave it out).
      await finding({
        statement:
          'The civilian, police and military components are all responsible for analysis, preparedness and planning',
        category: 'planning',
        severity: 'medium',
        'attributions[0].level': 'mission_component',
        'attributions[0].component': 'civilian',
        'attributions[2].level': 'mission_component',
        'attributions[2].component': 'police',
        'attributions[3].level': 'mission_component',
        'attributions[3].component': 'military',
        contextFactors: NO_CIVILIANS,
      });

      const onTheThree = async () => {
        for (const statement of [
          'The Mauritanian troops had a poor understanding',
          'The Mauritanian troops exhibited passivity',
          'The Mauritanian troops might have harboured bias',
        ]) {
          await page.getByRole('checkbox', { name: new RegExp(`^${statement}`) }).check();
        }
      };
      await openFromList(page, baseUrl, 'Name a unit', /Special investigation, with the Office/);
      await fillForm(page, { contingentId: ids.mauritania, public: true });
      await onTheThree();
      await submitForm(page);

      await openFromList(
        page,
        baseUrl,
        'Issue a recommendation',
        /Special investigation, with the Office/,
      );
      await fillForm(page, {
        action: 'repatriate_unit',
        contingentId: ids.mauritania,
        rationale: 'The contingent did not protect the civilians of the camp during the attack',
      });
      await onTheThree();
      await submitForm(page);

      await openFromList(page, baseUrl, 'Notify a contributing country', /Mauritanian battalion/);
      await fillForm(page, {
        subjectStreamId: `investigation-${ids.investigation}`,
        notifiedAt: '2019-01-10T10:00:00Z',
        channel: 'note_verbale',
      });
      await submitForm(page);
    });

    // The Mauritanian liaison replies (JavaScript off: the form needs none).
    await as(principals.liaisonMRT.token, false, async (page, baseUrl) => {
      await openFromList(page, baseUrl, 'Reply to a notification', /Mauritanian battalion/);
      await page.locator('form.ledger-form select[name=regarding]').selectOption({ index: 1 });
      await fillForm(page, { statement: UNFAIR, respondedAt: '2019-01-24T10:00:00Z' });
      await submitForm(page);
    });

    await as(principals.decider.token, true, async (page, baseUrl) => {
      await openFromList(page, baseUrl, 'Decide on a recommendation', /Repatriate unit/);
      // The findings and the recommendation are beside the form.
      const aside = (await page.textContent('.form-aside')) ?? '';
      expect(aside).toContain('The contingent did not protect the civilians of the camp');
      expect(aside).toContain('exhibited passivity');
      expect(aside).toContain(OVERSTRETCHED);
      await fillForm(page, {
        contingentId: ids.mauritania,
        scope: 'unit',
        outcome: 'repatriate',
        authority: 'Under-Secretary-General for Peace Operations',
        rationale: 'The special investigation found the contingent failed to protect civilians',
        decidedAt: '2019-02-01T00:00:00Z',
      });
      ids.decision = idOf((await submitForm(page)).recordHref).replace(/^.*decision-/, '');

      await openFromList(page, baseUrl, 'Record the implementation', /Repatriate/);
      await fillForm(page, {
        implementedAt: '2019-04-30T00:00:00Z',
        note: 'The Mauritanian contingent left MINUSCA',
      });
      await submitForm(page);
    });

    await admin.create(`/contingents/${ids.mauritania}/commendations`, {
      at: '2018-09-01T00:00:00Z',
      citation: 'Escort of a humanitarian convoy under fire',
    });
  }, 300_000);

  const both = async (path: (which: 'forms' | 'api') => string) => {
    const [forms, api] = await Promise.all([
      viaForms.client.as('reviewer').get(path('forms')),
      viaApi.client.as('reviewer').get(path('api')),
    ]);
    expect(forms.status).toBe(200);
    expect(api.status).toBe(200);
    return { forms: normalised(forms.body), api: normalised(api.body) };
  };

  it('leaves the same audit trail as the story recorded through the API', async () => {
    const { forms, api } = await both(() => '/audit?limit=1000');
    expect(forms).toEqual(api);
  });

  it('answers the same incident, investigation, unit history, recommendations and decision', async () => {
    for (const answer of [
      await both((w) => `/incidents/${w === 'forms' ? ids.incident : ids.apiIncident}`),
      await both((w) => `/incidents/${w === 'forms' ? ids.incident : ids.apiIncident}/timeline`),
      await both(
        (w) => `/investigations/${w === 'forms' ? ids.investigation : ids.apiInvestigation}`,
      ),
      await both(
        (w) => `/contingents/${w === 'forms' ? ids.mauritania : ids.apiMauritania}/history`,
      ),
      await both(() => '/recommendations'),
      await both(() => '/follow-through'),
      await both((w) => `/decisions/${w === 'forms' ? ids.decision : ids.apiDecision}`),
    ]) {
      expect(answer.forms).toEqual(answer.api);
    }
  });
});
