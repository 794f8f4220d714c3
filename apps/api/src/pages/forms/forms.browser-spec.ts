import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { PERMISSIONS } from '../../access/permissions';
import { FORMS } from './form-catalogue';
import { screenshot } from '../../../../../test/browser/support/checks';
import { inContext, openContext } from '../../../../../test/browser/support/chromium';
import { READERS, ROLES, type RoleName } from '../../../../../test/browser/support/ledger';
import { visitAsRole } from '../../../../../test/browser/support/page-matrix';
import { signIn, signInAs } from '../../../../../test/browser/support/session';
import { storiedSuite } from '../../../../../test/browser/support/storied-suite';
import {
  eventAt,
  fillForm,
  formAsSent,
  openFormAs,
  openFromList,
  sendAgain,
  submitForm,
  submitRefused,
} from '../../../../../test/browser/support/forms';
import { principals } from '../../../../../test/support/principals';

/** The roles the permission table gives each form's API route, among the browser tier's cast. */
const formsOf = (role: RoleName) =>
  FORMS.filter((form) => {
    const allowed = PERMISSIONS[form.apiRoute];
    return Array.isArray(allowed) && allowed.includes(role);
  });

/** The one who fills each form in the tests (the first role its API route allows). */
const writerOf = (apiRoute: string): RoleName => {
  const allowed = PERMISSIONS[apiRoute] as string[];
  return allowed.find((role) => (ROLES as string[]).includes(role)) as RoleName;
};

describe('The web forms (/ui/forms)', () => {
  const suite = storiedSuite();
  const api = (role: keyof typeof principals) => suite.ledger.ledger.client.as(role);
  const head = async (): Promise<number> =>
    (await api('reviewer').get<{ headPosition: number }>('/health')).body.headPosition;
  const count = async (type: string): Promise<number> =>
    (await api('reviewer').get<{ events: unknown[] }>(`/audit?type=${type}&limit=1000`)).body.events
      .length;

  /** Every form's address, for a record it may act on now (from the list of forms). */
  const addresses = new Map<string, string>();
  let toRepatriate = '';
  /** A leader in post (MINUSCA's SRSG), a unit registered to be withdrawn, a national investigation. */
  let srsg = '';
  let bangladesh = '';
  let nationalInvestigation = '';

  beforeAll(async () => {
    // Something for the Chinese liaison to reply to.
    const china = suite.ledger.juba.units.china;
    const notified = await api('investigator').post(`/contingents/${china}/notifications`, {
      subjectStreamId: `incident-${suite.ledger.juba.incidentId}`,
      notifiedAt: '2016-08-01T10:00:00Z',
      channel: 'note_verbale',
    });
    expect(notified.status).toBe(201);
    // A decision taken and not yet carried out (on no recommendation).
    const decided = await api('decider').post('/decisions', {
      contingentId: suite.ledger.juba.units.nepal,
      scope: 'unit',
      outcome: 'repatriate',
      authority: 'Under-Secretary-General for Peace Operations',
      rationale: 'Decided for the forms to carry out, reverse or let lapse',
    });
    expect(decided.status).toBe(201);
    // A recommendation to repatriate that waits for its decision.
    const alindao = suite.ledger.alindao;
    const recommended = await api('investigator').post(
      `/investigations/${alindao.investigationId}/recommendations`,
      {
        action: 'repatriate_commander',
        contingentId: alindao.mauritania,
        role: 'battalion_commander',
        findingIds: [alindao.findings.passivity],
        rationale: 'The commander left the camp undefended',
      },
    );
    expect(recommended.status).toBe(201);
    toRepatriate = recommended.body.id;
    // Evidence whose custody can pass on.
    const evidence = await api('investigator').post(
      `/investigations/${alindao.investigationId}/evidence`,
      {
        kind: 'imagery',
        description: 'Satellite imagery of the camp after the attack',
        sha256: 'b'.repeat(64),
        custodian: 'MINUSCA Joint Mission Analysis Centre',
      },
    );
    expect(evidence.status).toBe(201);
    // And a closed incident to reopen.
    const closed = await api('investigator').post(
      `/incidents/${suite.ledger.juba.incidentId}/closure`,
      { reason: 'Closed for the forms to reopen' },
    );
    expect(closed.status).toBe(201);
    // A mission leader in post, and a recommendation to relieve them that waits for its decision.
    const appointed = await api('admin').post('/missions/MINUSCA/leaders', {
      role: 'srsg',
      subjectId: 'subject-srsg-minusca',
      nationality: 'SEN',
      appointedAt: '2016-02-01T00:00:00Z',
    });
    expect(appointed.status).toBe(201);
    srsg = appointed.body.id;
    const relieve = await api('investigator').post(
      `/investigations/${alindao.investigationId}/recommendations`,
      {
        action: 'relieve_leader',
        appointmentId: srsg,
        findingIds: [alindao.findings.passivity],
        rationale: 'The mission leadership left the camp without reinforcement',
      },
    );
    expect(relieve.status).toBe(201);
    // A unit deployed on a known date, for the withdrawal and return forms.
    const registered = await api('admin').post('/contingents', {
      country: 'BGD',
      unitType: 'engineering_company',
      designation: 'Bangladeshi engineering company',
      missionCode: 'MINUSCA',
      strength: 200,
      deployedAt: '2017-03-01T00:00:00Z',
    });
    expect(registered.status).toBe(201);
    bangladesh = registered.body.id;
    // A withdrawn unit, for the return form whatever the stories left.
    const gone = await api('admin').post('/contingents', {
      country: 'BGD',
      unitType: 'medical_unit',
      designation: 'Bangladeshi level II hospital',
      missionCode: 'MINUSCA',
      deployedAt: '2017-03-01T00:00:00Z',
    });
    expect(
      (
        await api('admin').post(`/contingents/${gone.body.id}/withdrawal`, {
          at: '2018-03-01T00:00:00Z',
          by: 'contributing_country',
          reason: 'End of its deployment',
        })
      ).status,
    ).toBe(201);
    // The contributing country's own investigation, for its national investigation officer.
    const national = await api('investigator').post('/investigations', {
      incidentIds: [alindao.incidentId],
      kind: 'national_investigation',
      title: 'Mauritanian national investigation into the Alindao attack',
    });
    expect(national.status).toBe(201);
    nationalInvestigation = national.body.id;
    // A principal of the store, whose tokens the admin's forms can issue and revoke.
    const managed = await api('admin').post('/principals', {
      id: 'forms-managed',
      name: 'Managed for the forms',
      roles: ['reviewer'],
    });
    expect(managed.status).toBe(201);
    await inContext(suite.browser, { viewport: 'wide', javaScript: false }, async ({ context }) => {
      for (const role of ROLES) {
        const page = await context.newPage();
        await signIn(page, suite.baseUrl, READERS[role].token);
        await page.goto(`${suite.baseUrl}/ui/forms`);
        for (const form of formsOf(role)) {
          if (addresses.has(form.id)) continue;
          const section = page.locator('section', {
            has: page.getByRole('heading', { name: form.title, exact: true }),
          });
          const links = section.getByRole('link');
          if ((await links.count()) === 0) continue;
          const href = await links.first().getAttribute('href');
          if (href) addresses.set(form.id, href);
        }
        await page.close();
      }
    });
  }, 300_000);

  it('offers every form something to act on in the recorded stories', () => {
    expect([...addresses.keys()].sort()).toEqual(FORMS.map((f) => f.id).sort());
  });

  describe('each role sees only its forms', () => {
    it.each(ROLES)(
      '%s: the list of forms is accessible, keyboard-reachable, local, at 360 px and wide, JS on and off',
      async (role) => {
        const problems = await visitAsRole({
          browser: suite.browser,
          baseUrl: suite.baseUrl,
          role,
          name: 'forms',
          path: '/ui/forms',
        });
        expect(problems).toEqual([]);
      },
    );

    it.each(ROLES)('%s: the list of forms and the navigation', async (role) => {
      await inContext(
        suite.browser,
        { viewport: 'wide', javaScript: true },
        async ({ context }) => {
          const page = await signInAs(context, suite.baseUrl, role);
          await page.goto(`${suite.baseUrl}/ui/forms`);
          const titles = await page.locator('main section h2').allTextContents();
          expect(titles.map((t) => t.trim())).toEqual(formsOf(role).map((f) => f.title));
          const nav = await page
            .getByRole('navigation', { name: 'Main' })
            .getByRole('link')
            .allTextContents();
          expect(nav.includes('Record')).toBe(formsOf(role).length > 0);
        },
      );
    });

    // Each role signed in once (JS off) for every form's refusals, as a person keeps a session.
    const sessions = new Map<RoleName, Promise<BrowserContext>>();
    const signedIn = (role: RoleName): Promise<BrowserContext> => {
      if (!sessions.has(role)) {
        sessions.set(
          role,
          (async () => {
            const { context } = await openContext(suite.browser, {
              viewport: 'wide',
              javaScript: false,
            });
            const page = await context.newPage();
            await signIn(page, suite.baseUrl, READERS[role].token);
            await page.close();
            return context;
          })(),
        );
      }
      return sessions.get(role)!;
    };
    afterAll(async () => {
      for (const context of sessions.values()) await (await context).close();
    });

    it.each(FORMS.map((f) => [f.id, f.apiRoute] as const))(
      '%s: every other role is refused the form and a crafted POST, as by the API (CSRF first)',
      async (formId, apiRoute) => {
        const allowed = PERMISSIONS[apiRoute] as string[];
        const address = addresses.get(formId)!;
        for (const role of ROLES.filter((r) => !allowed.includes(r))) {
          const page = await (await signedIn(role)).newPage();
          try {
            expect((await page.goto(`${suite.baseUrl}${address}`))?.status()).toBe(403);
            const csrf = await page.getAttribute('input[name=_csrf]', 'value');
            const before = await head();
            const crafted = await page.request.post(`${suite.baseUrl}${address}`, {
              form: { _csrf: csrf!, _key: '0190d5a4-7c1e-4b3a-9f0e-0a1b2c3d4e5f', _revision: '0' },
              maxRedirects: 0,
            });
            expect(crafted.status()).toBe(403);
            const noCsrf = await page.request.post(`${suite.baseUrl}${address}`, {
              form: { _key: '0190d5a4-7c1e-4b3a-9f0e-0a1b2c3d4e5f' },
              maxRedirects: 0,
            });
            expect(noCsrf.status()).toBe(403);
            expect(await noCsrf.text()).toContain('csrf_failed');
            expect(await head()).toBe(before);
          } finally {
            await page.close();
          }
        }
      },
    );
  });

  describe.each(FORMS.map((f) => [f.id, f.apiRoute] as const))('%s', (formId, apiRoute) => {
    const role = writerOf(apiRoute);

    it('is accessible, keyboard-reachable, local, at 360 px and wide, JS on and off', async () => {
      const problems = await visitAsRole({
        browser: suite.browser,
        baseUrl: suite.baseUrl,
        role,
        name: `form-${formId}`,
        path: addresses.get(formId)!,
        also: async ({ page }) => {
          const key = await page.getAttribute('input[name=_key]', 'value');
          return key && /^[0-9a-f-]{36}$/.test(key) ? [] : ['no idempotency key in the form'];
        },
      });
      expect(problems).toEqual([]);
    });

    // Issuing a token takes nothing but the principal: sent empty, it issues (its own tests).
    if (formId === 'token-issue') return;

    it.each([true, false])(
      'refused empty (JS %s): the reasons beside their fields, a summary linked to them, nothing appended',
      async (javaScript) => {
        await inContext(
          suite.browser,
          {
            viewport: 'wide',
            javaScript,
          },
          async ({ context, watch }) => {
            const page = await signInAs(context, suite.baseUrl, role);
            await page.goto(`${suite.baseUrl}${addresses.get(formId)!}`);
            const before = await head();
            const status = await submitRefused(page);
            expect([400, 422]).toContain(status);
            expect(await head()).toBe(before);
            const links = await page
              .locator('.error-summary li a')
              .evaluateAll((as) =>
                as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''),
              );
            expect(links.length).toBeGreaterThan(0);
            for (const href of links) {
              expect(await page.locator(href).count()).toBe(1);
            }
            expect(await page.locator('.field-error .field-message').count()).toBeGreaterThan(0);
            if (javaScript) {
              expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
            }
            await screenshot(page, `form-${formId}--refused--${javaScript ? 'js' : 'no-js'}`);
            expect(watch.consoleErrors).toEqual([]);
          },
        );
      },
    );
  });

  describe('the incident report', () => {
    it('keeps what was typed and puts the reason beside the field it names', async () => {
      await inContext(
        suite.browser,
        { viewport: 'phone', javaScript: true },
        async ({ context }) => {
          const page = await openFormAs(
            context,
            suite.baseUrl,
            'investigator',
            'Report an incident',
          );
          await fillForm(page, {
            missionCode: 'UNMISS',
            occurredAt: '2016-07-10T18:00:00+03:00',
            category: 'attack_on_civilians',
            summary: 'A typed summary that must survive the refusal',
            'location.name': 'Juba, Terrain compound',
            'location.latitude': '123',
            'casualties.civiliansKilled': 'two',
          });
          const before = await head();
          expect(await submitRefused(page)).toBe(400);
          expect(await head()).toBe(before);
          expect(await page.textContent('#f-location-latitude-error')).toContain(
            'latitude must be a number between -90 and 90',
          );
          expect(await page.textContent('#f-casualties-civiliansKilled-error')).toMatch(/integer/);
          expect(await page.getAttribute('#f-location-latitude', 'aria-invalid')).toBe('true');
          expect(await page.inputValue('#f-summary')).toBe(
            'A typed summary that must survive the refusal',
          );
          expect(await page.inputValue('#f-location-latitude')).toBe('123');
          const summary = page.locator('.error-summary a[href="#f-location-latitude"]');
          expect(await summary.textContent()).toContain('Place, Latitude');
          await screenshot(page, 'form-incident-report--refused--phone');
        },
      );
    });

    it('appends once on a double submit and on a resend of the same form (a retry)', async () => {
      await inContext(
        suite.browser,
        { viewport: 'wide', javaScript: true },
        async ({ context }) => {
          const page = await openFormAs(
            context,
            suite.baseUrl,
            'investigator',
            'Report an incident',
          );
          await fillForm(page, {
            missionCode: 'UNMISS',
            occurredAt: '2016-07-11T09:00:00+03:00',
            category: 'misconduct',
            summary: 'Reported once, sent three times',
            'location.name': 'Juba',
          });
          const sent = await formAsSent(page);
          const before = await count('IncidentReported');
          await Promise.all([
            page.waitForURL(/\/ui\/forms\/receipts\/\d+$/),
            page.evaluate(() => {
              const button = document.querySelector(
                'form.ledger-form button[type=submit]',
              ) as HTMLButtonElement;
              button.click();
              button.click();
            }),
          ]);
          const receipt = page.url();
          const retry = await sendAgain(page, sent);
          expect(retry.status()).toBe(303);
          expect(new URL(retry.headers().location, suite.baseUrl).href).toBe(receipt);
          expect(await count('IncidentReported')).toBe(before + 1);
          expect(await page.textContent('[data-receipt-type]')).toBe('IncidentReported');
          expect(await page.textContent('[data-receipt-hash]')).toMatch(/^[0-9a-f]{64}$/);
          const position = await page.textContent('[data-receipt-position]');
          expect(
            await page.getAttribute(`#receipt a[href="/ui/events/${position}"]`, 'href'),
          ).toBeTruthy();
          await screenshot(page, 'form-receipt--wide');
          const problems = await visitAsRole({
            browser: suite.browser,
            baseUrl: suite.baseUrl,
            role: 'investigator',
            name: 'form-receipt',
            path: `/ui/forms/receipts/${position}`,
          });
          expect(problems).toEqual([]);
        },
      );
    });
  });

  describe('a stale form', () => {
    it.each([true, false])(
      'gets the conflict page showing what changed, and records nothing until sent again (JS %s)',
      async (javaScript) => {
        await inContext(suite.browser, { viewport: 'wide', javaScript }, async ({ context }) => {
          const page = await signInAs(context, suite.baseUrl, 'investigator');
          const investigationId = suite.ledger.alindao.investigationId;
          await page.goto(
            `${suite.baseUrl}/ui/forms/finding-record?investigation=${investigationId}`,
          );
          const rendered = Number(await page.textContent('[data-revision]'));
          await fillForm(page, {
            statement: `A finding typed while someone else wrote (JS ${javaScript})`,
            category: 'coordination',
            severity: 'medium',
            'attributions[0].level': 'headquarters',
          });
          // Meanwhile, someone else records evidence in the same investigation.
          const other = await api('investigator').post(
            `/investigations/${investigationId}/evidence`,
            {
              kind: 'document',
              description: 'Logged while the form was open',
              sha256: 'a'.repeat(64),
              custodian: 'MINUSCA evidence room',
            },
          );
          expect(other.status).toBe(201);
          const before = await head();
          expect(await submitRefused(page)).toBe(409);
          expect(await head()).toBe(before);
          const conflict = (await page.textContent('#conflict')) ?? '';
          expect(conflict).toContain('Someone else changed this record');
          expect(conflict).toContain('EvidenceLogged');
          expect(conflict).toContain(`revision ${rendered}`);
          expect(Number(await page.textContent('[data-revision]'))).toBe(rendered + 1);
          expect(await page.inputValue('#f-statement')).toContain('typed while someone else wrote');
          if (javaScript) {
            await screenshot(page, 'form-finding-record--conflict');
          }
          // Checked against what changed, and sent again: recorded at the new revision.
          await submitForm(page);
          expect(await page.textContent('[data-receipt-type]')).toBe('FindingRecorded');
          expect(await head()).toBe(before + 1);
        });
      },
    );
  });

  describe('evidence', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-evidence-'));
    const file = path.join(dir, 'testimony-alindao.pdf');
    const content = `Testimony of a witness, Alindao, ${Date.now()}\n`.repeat(5000);
    fs.writeFileSync(file, content);
    const sha256sum = execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0];
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    const logged = async (page: Page) => {
      const { position } = await submitForm(page);
      return (await eventAt(suite, position)).data.sha256;
    };

    it('hashes the chosen file in the browser (as sha256sum does) and never sends it', async () => {
      await inContext(
        suite.browser,
        {
          viewport: 'wide',
          javaScript: true,
        },
        async ({ context, watch }) => {
          const page = await openFormAs(
            context,
            suite.baseUrl,
            'investigator',
            'Log evidence',
            /Special investigation, with the Office/,
          );
          const posted: string[] = [];
          page.on('request', (request) => {
            if (request.method() === 'POST') posted.push(request.postData() ?? '');
          });
          await fillForm(page, {
            kind: 'testimony',
            description: 'Testimony of a witness of the attack',
            custodian: 'MINUSCA Special Investigations Unit',
          });
          await page.setInputFiles('#f-sha256-file', file);
          await page.waitForSelector('#f-sha256-file-status[data-hashed]');
          expect(await page.inputValue('#f-sha256')).toBe(sha256sum);
          await screenshot(page, 'form-evidence-log--hashed');
          expect(await logged(page)).toBe(sha256sum);
          expect(posted).toHaveLength(1);
          expect(posted[0].length).toBeLessThan(2000);
          expect(posted[0]).not.toContain('Testimony of a witness, Alindao');
          expect(watch.external).toEqual([]);
          expect(watch.consoleErrors).toEqual([]);
        },
      );
    });

    it('accepts a typed hash with JavaScript off', async () => {
      await inContext(
        suite.browser,
        {
          viewport: 'phone',
          javaScript: false,
        },
        async ({ context }) => {
          const page = await openFormAs(
            context,
            suite.baseUrl,
            'investigator',
            'Log evidence',
            /Special investigation, with the Office/,
          );
          expect(await page.locator('#f-sha256-file').isVisible()).toBe(false);
          await fillForm(page, {
            kind: 'document',
            description: 'The same testimony, hashed with sha256sum',
            sha256: sha256sum.toUpperCase(),
            custodian: 'MINUSCA Special Investigations Unit',
          });
          expect(await logged(page)).toBe(sha256sum);
        },
      );
    });
  });

  describe('the decision', () => {
    it('asks for the reason when retaining against a recommendation to repatriate, beside its field', async () => {
      await inContext(
        suite.browser,
        { viewport: 'wide', javaScript: true },
        async ({ context }) => {
          const page = await signInAs(context, suite.baseUrl, 'decision_authority');
          await page.goto(
            `${suite.baseUrl}/ui/forms/repatriation-decision?recommendation=${toRepatriate}`,
          );
          expect(await page.textContent('.form-aside')).toContain(
            'The commander left the camp undefended',
          );
          expect(await page.inputValue('#f-contingentId')).toBe(suite.ledger.alindao.mauritania);
          await fillForm(page, { scope: 'commander', outcome: 'retain', rationale: 'Retained' });
          const before = await head();
          expect(await submitRefused(page)).toBe(422);
          expect(await head()).toBe(before);
          expect(await page.textContent('#f-reasonForDeviation-error')).toMatch(/\S/);
          expect(await page.locator('.error-summary a[href="#f-reasonForDeviation"]').count()).toBe(
            1,
          );
          await screenshot(page, 'form-repatriation-decision--refused');
        },
      );
    });
  });

  describe('mission leaders', () => {
    it('appoints a leader from the units of a mission (JS off): refused beside the field, then recorded', async () => {
      await inContext(
        suite.browser,
        { viewport: 'wide', javaScript: false },
        async ({ context }) => {
          const page = await signInAs(context, suite.baseUrl, 'admin');
          await page.goto(`${suite.baseUrl}/ui/contingents?mission=MINUSCA`);
          const leadership = page.locator('[aria-labelledby=leadership-title]');
          expect(await leadership.textContent()).toContain('SRSG, MINUSCA (SEN)');
          await Promise.all([
            page.waitForURL(/\/ui\/forms\/leader-appoint\?mission=MINUSCA$/),
            leadership.getByRole('link', { name: 'Appoint a mission leader' }).click(),
          ]);
          expect(await page.textContent('.form-aside')).toContain('SRSG, MINUSCA (SEN)');
          await fillForm(page, {
            role: 'head_of_office',
            post: 'Bambari',
            subjectId: 'subject-head-of-office-bambari',
            nationality: 'Senegal',
            appointedAt: '2018-01-10T00:00:00Z',
          });
          const before = await head();
          expect(await submitRefused(page)).toBe(400);
          expect(await head()).toBe(before);
          expect(await page.textContent('#f-nationality-error')).toMatch(/ISO 3166-1 alpha-3/i);
          expect(await page.inputValue('#f-post')).toBe('Bambari');
          await fillForm(page, { nationality: 'SEN' });
          const { position, recordHref } = await submitForm(page);
          expect(await page.textContent('[data-receipt-type]')).toBe('LeaderAppointed');
          expect(await head()).toBe(before + 1);
          // Back to where the mission's leaders show, the new one among them.
          expect(recordHref).toBe('/ui/contingents?mission=MINUSCA');
          await page.goto(`${suite.baseUrl}${recordHref}`);
          expect(await leadership.textContent()).toContain(
            'Head of office (Bambari), MINUSCA (SEN)',
          );
          await screenshot(page, 'contingents--minusca--admin--leadership');
          const mission = await api('reviewer').get<{
            leadership: { role: string; post?: string; departure: unknown }[];
          }>('/missions/MINUSCA');
          expect(mission.body.leadership).toContainEqual(
            expect.objectContaining({ role: 'head_of_office', post: 'Bambari', departure: null }),
          );
          expect((await eventAt(suite, position)).data).toMatchObject({ nationality: 'SEN' });
        },
      );
    });

    it('shows the form wide and at 360 px', async () => {
      for (const viewport of ['wide', 'phone'] as const) {
        await inContext(suite.browser, { viewport, javaScript: true }, async ({ context }) => {
          const page = await signInAs(context, suite.baseUrl, 'admin');
          await page.goto(`${suite.baseUrl}/ui/forms/leader-appoint?mission=MINUSCA`);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(width).toBeLessThanOrEqual(viewport === 'phone' ? 360 : 1280);
          await screenshot(page, `form-leader-appoint--${viewport}`);
        });
      }
    });

    it('records a departure, asking for the note beside its field when the reason is other', async () => {
      await inContext(
        suite.browser,
        { viewport: 'phone', javaScript: true },
        async ({ context }) => {
          const page = await signInAs(context, suite.baseUrl, 'admin');
          await page.goto(`${suite.baseUrl}/ui/contingents?mission=MINUSCA`);
          await Promise.all([
            page.waitForURL(/\/ui\/forms\/leader-departure\?/),
            page
              .locator('[aria-labelledby=leadership-title] li', { hasText: 'SRSG' })
              .getByRole('link')
              .click(),
          ]);
          expect(new URL(page.url()).searchParams.get('appointment')).toBe(srsg);
          await fillForm(page, { at: '2019-05-01T00:00:00Z', reason: 'other' });
          const before = await head();
          expect(await submitRefused(page)).toBe(422);
          expect(await head()).toBe(before);
          expect(await page.textContent('#f-note-error')).toMatch(/which/);
          expect(await page.locator('.error-summary a[href="#f-note"]').count()).toBe(1);
          await fillForm(page, { note: 'Recalled by the Secretary-General' });
          const { position } = await submitForm(page);
          expect(await page.textContent('[data-receipt-type]')).toBe('LeaderDeparted');
          expect((await eventAt(suite, position)).data).toMatchObject({
            appointmentId: srsg,
            reason: 'other',
          });
        },
      );
    });

    it.each(['admin', 'tcc_liaison'] as const)(
      '%s: the units of a mission with its leadership are accessible, keyboard-reachable, local, at 360 px and wide, JS on and off',
      async (role) => {
        const problems = await visitAsRole({
          browser: suite.browser,
          baseUrl: suite.baseUrl,
          role,
          name: 'contingents-leadership',
          path: '/ui/contingents?mission=UNMISS',
        });
        expect(problems).toEqual([]);
      },
    );

    it('offers the links to appoint, record departures and decide only to the roles that may', async () => {
      await inContext(
        suite.browser,
        { viewport: 'wide', javaScript: false },
        async ({ context }) => {
          for (const role of ROLES.filter((r) => r !== 'admin' && r !== 'tcc_liaison')) {
            const page = await signInAs(context, suite.baseUrl, role);
            await page.goto(`${suite.baseUrl}/ui/contingents?mission=UNMISS`);
            const leadership = page.locator('[aria-labelledby=leadership-title]');
            expect(await leadership.textContent()).toContain('Force commander, UNMISS (KEN)');
            const links = await leadership.getByRole('link').allTextContents();
            if (role === 'decision_authority') {
              // A decision on each leader without a recommendation (POST /decisions), nothing else.
              const leaders = await leadership.locator('li').count();
              expect(links).toHaveLength(leaders);
              for (const link of links) expect(link).toMatch(/^Decide without a recommendation: /);
            } else {
              expect(links).toEqual([]);
            }
            await page.close();
          }
        },
      );
    });
  });

  describe('leaders in the accountability path', () => {
    const alindao = () => suite.ledger.alindao;

    it('attributes a finding to the appointment of the leader who held the role', async () => {
      await inContext(
        suite.browser,
        { viewport: 'wide', javaScript: true },
        async ({ context }) => {
          const page = await signInAs(context, suite.baseUrl, 'investigator');
          await page.goto(
            `${suite.baseUrl}/ui/forms/finding-record?investigation=${alindao().investigationId}`,
          );
          await fillForm(page, {
            statement: 'The SRSG sent no reinforcement despite the warnings',
            category: 'leadership',
            severity: 'high',
            'attributions[0].level': 'role',
            'attributions[0].role': 'srsg',
            'attributions[0].appointmentId': srsg,
          });
          const { position } = await submitForm(page);
          expect(await page.textContent('[data-receipt-type]')).toBe('FindingRecorded');
          expect((await eventAt(suite, position)).data.attributions).toEqual([
            { level: 'role', role: 'srsg', appointmentId: srsg },
          ]);
        },
      );
    });

    it('recommends relieving a leader: a unit beside it is refused beside the unit, then issued', async () => {
      await inContext(
        suite.browser,
        { viewport: 'wide', javaScript: false },
        async ({ context }) => {
          const page = await signInAs(context, suite.baseUrl, 'investigator');
          await page.goto(
            `${suite.baseUrl}/ui/forms/recommendation-issue?investigation=${alindao().investigationId}`,
          );
          await fillForm(page, {
            action: 'relieve_leader',
            contingentId: alindao().mauritania,
            appointmentId: srsg,
            findingIds: [alindao().findings.passivity],
            rationale: 'Relieve the SRSG, on the findings of the special investigation',
          });
          const before = await head();
          expect(await submitRefused(page)).toBe(422);
          expect(await head()).toBe(before);
          expect(await page.textContent('#f-contingentId-error')).toMatch(/not from a unit/);
          await fillForm(page, { contingentId: '' });
          const { position } = await submitForm(page);
          expect(await page.textContent('[data-receipt-type]')).toBe('RecommendationIssued');
          expect((await eventAt(suite, position)).data).toMatchObject({
            action: 'relieve_leader',
            appointmentId: srsg,
          });
        },
      );
    });

    it('decides on a leader: retaining without a reason is refused beside it, relieving is recorded', async () => {
      await inContext(
        suite.browser,
        { viewport: 'wide', javaScript: true },
        async ({ context }) => {
          const page = await signInAs(context, suite.baseUrl, 'decision_authority');
          await page.goto(`${suite.baseUrl}/ui/forms`);
          const unitDecisions = page.locator('section', {
            has: page.getByRole('heading', { name: 'Decide on a recommendation', exact: true }),
          });
          expect(await unitDecisions.textContent()).not.toContain('Relieve leader');
          await openFromList(
            page,
            suite.baseUrl,
            'Decide on a mission leader',
            /Relieve the SRSG, on the findings/,
          );
          expect(await page.textContent('.form-aside')).toContain('SRSG, MINUSCA (SEN)');
          expect(await page.inputValue('#f-appointmentId')).toBe(srsg);
          await fillForm(page, { outcome: 'retain', rationale: 'Retained for the elections' });
          const before = await head();
          expect(await submitRefused(page)).toBe(422);
          expect(await head()).toBe(before);
          expect(await page.textContent('#f-reasonForDeviation-error')).toMatch(/\S/);
          await fillForm(page, { outcome: 'relieve', rationale: 'The findings are grave' });
          const { position } = await submitForm(page);
          expect(await page.textContent('[data-receipt-type]')).toBe('RepatriationDecided');
          expect((await eventAt(suite, position)).data).toMatchObject({
            scope: 'leader',
            outcome: 'relieve',
            appointmentId: srsg,
            missionCode: 'MINUSCA',
          });
          await screenshot(page, 'form-leader-decision--receipt');
        },
      );
    });

    it('decides on a leader without a recommendation, from the mission leadership (JS off)', async () => {
      const statement = 'The SRSG did not visit the camp in the weeks before the attack';
      const finding = await api('investigator').post(
        `/investigations/${alindao().investigationId}/findings`,
        {
          statement,
          category: 'leadership',
          severity: 'medium',
          attributions: [{ level: 'role', role: 'srsg', appointmentId: srsg }],
        },
      );
      expect(finding.status).toBe(201);
      for (const viewport of ['wide', 'phone'] as const) {
        const { context } = await openContext(suite.browser, { viewport, javaScript: false });
        try {
          const reviewer = await signInAs(context, suite.baseUrl, 'reviewer');
          await reviewer.goto(`${suite.baseUrl}/ui/contingents?mission=MINUSCA`);
          const seen = reviewer.locator('[aria-labelledby=leadership-title]');
          expect(await seen.textContent()).toContain('SRSG, MINUSCA (SEN)');
          expect(await seen.textContent()).not.toContain('Decide without a recommendation');
          await reviewer.close();

          const page = await signInAs(context, suite.baseUrl, 'decision_authority');
          await page.goto(`${suite.baseUrl}/ui/contingents?mission=MINUSCA`);
          const leadership = page.locator('[aria-labelledby=leadership-title]');
          const link = leadership
            .getByRole('link')
            .filter({ hasText: /^Decide without a recommendation: SRSG, MINUSCA \(SEN\)/ });
          expect(await link.count()).toBe(1);
          await screenshot(page, `contingents--minusca--decider--leadership--${viewport}`);
          await Promise.all([
            page.waitForURL(/\/ui\/forms\/leader-decision-direct\?/),
            link.click(),
          ]);
          const address = new URL(page.url());
          expect(address.searchParams.get('mission')).toBe('MINUSCA');
          expect(address.searchParams.get('appointment')).toBe(srsg);
          const aside = (await page.textContent('.form-aside'))!;
          expect(aside).toContain('SRSG, MINUSCA (SEN)');
          expect(aside).toContain(statement);
          // No recommendation, nothing to deviate from: no such field.
          expect(await page.locator('[name=reasonForDeviation]').count()).toBe(0);
          expect(await page.inputValue('#f-authority')).toMatch(/\S/);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(width).toBeLessThanOrEqual(viewport === 'phone' ? 360 : 1280);
          await screenshot(page, `form-leader-decision-direct--${viewport}`);
          if (viewport === 'phone') continue;

          await fillForm(page, { outcome: 'defer', rationale: '' });
          const before = await head();
          expect(await submitRefused(page)).toBe(400);
          expect(await head()).toBe(before);
          expect(await page.textContent('#f-rationale-error')).toMatch(/\S/);
          await fillForm(page, {
            outcome: 'defer',
            rationale: 'Deferred until the special investigation reports',
          });
          const { position, recordHref } = await submitForm(page);
          expect(await page.textContent('[data-receipt-type]')).toBe('RepatriationDecided');
          // A decision is read in the audit trail of its own stream.
          expect(recordHref).toMatch(/^\/ui\/audit\?stream=decision-/);
          const { data } = await eventAt(suite, position);
          expect(data).toMatchObject({
            scope: 'leader',
            outcome: 'defer',
            appointmentId: srsg,
            missionCode: 'MINUSCA',
          });
          expect(data.recommendation).toBeUndefined();
        } finally {
          await context.close();
        }
      }
    });
  });

  describe('withdrawal and return', () => {
    it('withdraws a unit from its page (JS off): dated before its deployment is refused beside the date', async () => {
      await inContext(
        suite.browser,
        { viewport: 'wide', javaScript: false },
        async ({ context }) => {
          const reviewer = await signInAs(context, suite.baseUrl, 'reviewer');
          await reviewer.goto(`${suite.baseUrl}/ui/contingents/${bangladesh}`);
          expect(await reviewer.locator('nav.record-links').count()).toBe(0);
          await reviewer.close();

          const page = await signInAs(context, suite.baseUrl, 'admin');
          await page.goto(`${suite.baseUrl}/ui/contingents/${bangladesh}`);
          await Promise.all([
            page.waitForURL(/\/ui\/forms\/contingent-withdrawal\?/),
            page
              .locator('nav.record-links')
              .getByRole('link', { name: 'Record a withdrawal' })
              .click(),
          ]);
          await fillForm(page, {
            at: '2016-12-01T00:00:00Z',
            by: 'contributing_country',
            reason: 'In protest at the relief of the SRSG',
          });
          const before = await head();
          expect(await submitRefused(page)).toBe(422);
          expect(await head()).toBe(before);
          expect(await page.textContent('#f-at-error')).toMatch(/cannot precede/);
          await fillForm(page, { at: '2019-05-02T00:00:00Z' });
          const { recordHref } = await submitForm(page);
          expect(await page.textContent('[data-receipt-type]')).toBe('ContingentWithdrawn');
          expect(recordHref).toBe(`/ui/contingents/${bangladesh}`);

          await page.goto(`${suite.baseUrl}${recordHref}`);
          expect(await page.textContent('.lead')).toContain('Withdrawn');
          await Promise.all([
            page.waitForURL(/\/ui\/forms\/contingent-return\?/),
            page.locator('nav.record-links').getByRole('link', { name: 'Record a return' }).click(),
          ]);
          await fillForm(page, { at: '2019-09-01T00:00:00Z', strength: '180' });
          await submitForm(page);
          expect(await page.textContent('[data-receipt-type]')).toBe('ContingentReturned');
          const unit = await api('reviewer').get<{ presence: { status: string } }>(
            `/contingents/${bangladesh}`,
          );
          expect(unit.body.presence.status).toBe('deployed');
        },
      );
    });
  });

  describe('investigators', () => {
    it("records the country's national investigation officer; another country is refused beside it", async () => {
      const { context } = await openContext(suite.browser, { viewport: 'phone', javaScript: true });
      try {
        const page = await openFormAs(
          context,
          suite.baseUrl,
          'investigator',
          'Record a national investigation officer',
          /Mauritanian national investigation/,
        );
        expect(new URL(page.url()).searchParams.get('investigation')).toBe(nationalInvestigation);
        const officer = 'Capt. Sidi Ould Ahmed';
        await fillForm(page, {
          country: 'MRT',
          appointedAt: '2019-01-25T10:00:00Z',
          subjectId: 'nio-mrt-1',
          'subjectDetails.name': officer,
        });
        const { position } = await submitForm(page);
        expect(await page.textContent('[data-receipt-type]')).toBe('NationalInvestigatorAppointed');
        const recorded = await eventAt(suite, position);
        expect(recorded.data).toMatchObject({ country: 'MRT', subjectId: 'nio-mrt-1' });
        // The name is sealed, never in the hashed data in clear.
        expect(JSON.stringify(recorded.data)).not.toContain(officer);

        const address = `${suite.baseUrl}/ui/forms/national-investigator?investigation=${nationalInvestigation}`;
        await page.goto(address);
        expect(await page.inputValue('#f-country')).toBe('MRT');
        // The officer as this reader may see them (who recorded them: in clear), the id a reference.
        const aside = async (p: Page) => (await p.textContent('.form-aside'))!.replace(/\s+/g, ' ');
        expect(await aside(page)).toContain(`${officer} (subject id nio-mrt-1)`);
        await screenshot(page, 'form-national-investigator--officer--phone');
        // Another investigator, not on this investigation: no need to know, the name withheld.
        const { context: other } = await openContext(suite.browser, {
          viewport: 'wide',
          javaScript: false,
        });
        try {
          const page2 = await other.newPage();
          await signIn(page2, suite.baseUrl, principals.investigator2.token);
          await page2.goto(address);
          const seen = await aside(page2);
          expect(seen).toContain('personal details withheld from your role (subject id nio-mrt-1)');
          expect(seen).not.toContain(officer);
          await screenshot(page2, 'form-national-investigator--withheld--wide');
        } finally {
          await other.close();
        }
        await fillForm(page, { country: 'FRA', appointedAt: '2019-02-01T10:00:00Z' });
        const before = await head();
        expect(await submitRefused(page)).toBe(422);
        expect(await head()).toBe(before);
        expect(await page.textContent('#f-country-error')).toContain(
          "MRT's national investigation",
        );
      } finally {
        await context.close();
      }
    });

    it('makes another investigator responsible for an incident', async () => {
      await inContext(
        suite.browser,
        { viewport: 'wide', javaScript: false },
        async ({ context }) => {
          const page = await signInAs(context, suite.baseUrl, 'admin');
          await page.goto(
            `${suite.baseUrl}/ui/forms/incident-investigator?incident=${suite.ledger.alindao.incidentId}`,
          );
          await fillForm(page, { investigatorId: 'inv-second' });
          const { position, recordHref } = await submitForm(page);
          expect(await page.textContent('[data-receipt-type]')).toBe(
            'IncidentInvestigatorAssigned',
          );
          expect(recordHref).toBe(`/ui/incidents/${suite.ledger.alindao.incidentId}`);
          expect((await eventAt(suite, position)).data).toMatchObject({
            investigatorId: 'inv-second',
          });
        },
      );
    });
  });

  it('lets a Mauritanian liaison reply only about its own units', async () => {
    await inContext(suite.browser, { viewport: 'wide', javaScript: false }, async ({ context }) => {
      const page = await context.newPage();
      await signIn(page, suite.baseUrl, principals.liaisonMRT.token);
      // The Chinese battalion's notification is not offered, and its form is refused: to a
      // liaison another country's unit is not found, the one answer for "not yours" and
      // "does not exist", as in the API.
      const refused = await page.goto(`${suite.baseUrl}${addresses.get('tcc-reply')!}`);
      expect(refused?.status()).toBe(404);
      expect(await page.locator('main').textContent()).not.toMatch(/Chinese/);
      await page.goto(`${suite.baseUrl}/ui/forms`);
      expect(await page.locator('main').textContent()).not.toMatch(/Chinese/);
    });
  });
});
