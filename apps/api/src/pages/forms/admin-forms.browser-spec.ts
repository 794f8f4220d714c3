import { axeViolations, screenshot } from '../../../../../test/browser/support/checks';
import { inContext } from '../../../../../test/browser/support/chromium';
import { visitAsRole } from '../../../../../test/browser/support/page-matrix';
import { signInAs } from '../../../../../test/browser/support/session';
import { storiedSuite } from '../../../../../test/browser/support/storied-suite';
import {
  eventAt,
  fillForm,
  formAsSent,
  openFormAs,
  sendAgain,
  sendForm,
  submitForm,
  submitRefused,
} from '../../../../../test/browser/support/forms';
import { principals } from '../../../../../test/support/principals';

interface Listed {
  id: string;
  roles: string[];
  country?: string;
  source: string;
  tokens?: { tokenId: string; revokedAt: string | null }[];
}

/** The admin's forms: principals and their tokens (a token shown once), and subject erasure. */
describe('The admin forms: principals, tokens, erasure', () => {
  const suite = storiedSuite();
  const api = (role: keyof typeof principals) => suite.ledger.ledger.client.as(role);
  const head = async (): Promise<number> =>
    (await api('reviewer').get<{ headPosition: number }>('/health')).body.headPosition;
  const listed = async (): Promise<Listed[]> =>
    (await api('admin').get<{ items: Listed[] }>('/principals')).body.items;
  const tokensOf = async (id: string) => (await listed()).find((p) => p.id === id)?.tokens ?? [];
  const works = async (token: string) =>
    (await suite.ledger.ledger.client.withToken(token).get('/contingents')).status;

  describe('principals and tokens', () => {
    it('lists every principal with roles, country and status, to admins only', async () => {
      await inContext(
        suite.browser,
        { viewport: 'wide', javaScript: false },
        async ({ context }) => {
          const page = await signInAs(context, suite.baseUrl, 'admin');
          await page.goto(`${suite.baseUrl}/ui/forms`);
          await Promise.all([
            page.waitForURL(/\/ui\/principals$/),
            page.getByRole('link', { name: 'Principals and tokens' }).click(),
          ]);
          const mrt = page.locator('tr[data-principal="pm-mrt"]');
          expect(await mrt.textContent()).toContain('MRT');
          expect(await mrt.textContent()).toMatch(/liaison/i);
          expect(await mrt.locator('[data-status]').textContent()).toContain('configuration');
          for (const role of ['reviewer', 'investigator', 'tcc_liaison'] as const) {
            const other = await signInAs(context, suite.baseUrl, role);
            expect((await other.goto(`${suite.baseUrl}/ui/principals`))?.status()).toBe(403);
            expect(await other.locator('main').textContent()).not.toContain('pm-mrt');
            await other.close();
          }
        },
      );
      const problems = await visitAsRole({
        browser: suite.browser,
        baseUrl: suite.baseUrl,
        role: 'admin',
        name: 'principals',
        path: '/ui/principals',
      });
      expect(problems).toEqual([]);
    });

    it('refuses a liaison without a country beside the field, and creates nothing', async () => {
      await inContext(
        suite.browser,
        { viewport: 'wide', javaScript: true },
        async ({ context }) => {
          const page = await openFormAs(context, suite.baseUrl, 'admin', 'Create a principal');
          await fillForm(page, { id: 'pm-nocountry', name: 'Nowhere', roles: ['tcc_liaison'] });
          const before = { head: await head(), principals: (await listed()).length };
          expect(await submitRefused(page)).toBe(400);
          expect(await page.textContent('#f-country-error')).toContain(
            'required for a tcc_liaison',
          );
          expect(await page.locator('.error-summary a[href="#f-country"]').count()).toBe(1);
          expect(await page.inputValue('#f-name')).toBe('Nowhere');
          expect({ head: await head(), principals: (await listed()).length }).toEqual(before);
          expect(await page.content()).not.toMatch(/bl_[A-Za-z0-9._-]+\.[A-Za-z0-9_-]{8,}/);
        },
      );
    });

    it.each([
      ['wide', true],
      ['phone', false],
    ] as const)(
      'creates a principal and shows its token exactly once; reload, back and resend show it not and issue none (%s, JS %s)',
      async (viewport, javaScript) => {
        const id = `pm-ken-${viewport}`;
        await inContext(suite.browser, { viewport, javaScript }, async ({ context, watch }) => {
          const page = await openFormAs(context, suite.baseUrl, 'admin', 'Create a principal');
          const countries = await page
            .locator('#f-country option')
            .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
          expect(countries).toContain('MRT');
          await fillForm(page, {
            id,
            name: 'Permanent Mission of Kenya',
            roles: ['tcc_liaison'],
            country: 'MRT',
          });
          const resend = await formAsSent(page);
          const answer = await sendForm(page);
          expect(answer.status()).toBe(201);
          expect(answer.headers()['cache-control']).toBe('no-store');
          const token = ((await page.textContent('[data-token]')) ?? '').trim();
          expect(token).toMatch(/^bl_/);
          expect(await works(token)).toBe(200);
          const html = await page.content();
          expect(html.split(token).length - 1).toBe(1);
          expect(await page.locator('input[value*="bl_"]').count()).toBe(0);
          expect(page.url()).not.toContain(token);
          expect(await page.textContent('.token-warning')).toContain(
            'Copy it now; it will not be shown again.',
          );
          expect(await axeViolations(page)).toEqual([]);
          await screenshot(page, `principal-token-shown--${viewport}`);
          expect(await tokensOf(id)).toHaveLength(1);

          // Reloading the answer: the form is sent again with its key, which is done: no token.
          const reloaded = await page.reload();
          expect(reloaded?.status()).toBe(200);
          expect(page.url()).toBe(`${suite.baseUrl}/ui/principals?shown=${id}`);
          expect(await page.content()).not.toContain(token);
          expect(await page.textContent('[data-notice="shown"]')).toContain('is not shown again');
          expect(
            await page.locator(`tr[data-principal="${id}"] [data-status]`).textContent(),
          ).toContain('Active: 1 live token');
          // Back, past the list, to the answer: never the token.
          await page.goto(`${suite.baseUrl}/ui/forms`);
          await page.goBack().catch(() => undefined);
          expect(await page.content()).not.toContain(token);
          await page.goBack().catch(() => undefined);
          expect(await page.content()).not.toContain(token);
          // A resend of the same form (a retry after a lost answer): sent to the list, no token.
          const again = await sendAgain(page, resend);
          expect(again.status()).toBe(303);
          expect(again.headers().location).toBe(`/ui/principals?shown=${id}`);
          expect(await again.text()).not.toContain(token);
          expect(await tokensOf(id)).toHaveLength(1);
          expect(await works(token)).toBe(200);
          expect(watch.consoleErrors).toEqual([]);
        });
      },
    );

    it('issues a new token once from the list, and revokes every token after a confirmation', async () => {
      const id = 'pm-rotate';
      const created = await api('admin').post('/principals', {
        id,
        name: 'Rotated',
        roles: ['reviewer'],
      });
      expect(created.status).toBe(201);
      const first = created.body.token as string;
      await inContext(
        suite.browser,
        { viewport: 'wide', javaScript: false },
        async ({ context }) => {
          const page = await signInAs(context, suite.baseUrl, 'admin');
          await page.goto(`${suite.baseUrl}/ui/principals`);
          await Promise.all([
            page.waitForURL(/token-issue/),
            page.locator(`tr[data-principal="${id}"]`).getByRole('link', { name: /Issue/ }).click(),
          ]);
          const resend = await formAsSent(page);
          const answer = await sendForm(page);
          expect(answer.status()).toBe(201);
          expect(answer.headers()['cache-control']).toBe('no-store');
          const second = ((await page.textContent('[data-token]')) ?? '').trim();
          expect(second).not.toBe(first);
          expect((await page.content()).split(second).length - 1).toBe(1);
          expect(await tokensOf(id)).toHaveLength(2);
          // Away from the answer by its link, then back to it: the token is not shown again.
          await Promise.all([
            page.waitForURL(/\/ui\/principals#/),
            page.getByRole('link', { name: 'Back to the principals' }).click(),
          ]);
          await page.goBack().catch(() => undefined);
          // (Chromium sends the form again, as on a reload: its key is done, so the notice.)
          expect(page.url()).toBe(`${suite.baseUrl}/ui/principals?shown=${id}`);
          expect(await page.content()).not.toContain(second);
          expect(await tokensOf(id)).toHaveLength(2);
          const again = await sendAgain(page, resend);
          expect(again.status()).toBe(303);
          expect(await tokensOf(id)).toHaveLength(2);
          expect(await works(first)).toBe(200);
          expect(await works(second)).toBe(200);

          // Revoking asks for the confirmation first: refused beside the box, nothing revoked.
          await page.goto(`${suite.baseUrl}/ui/principals`);
          await Promise.all([
            page.waitForURL(/tokens-revoke/),
            page
              .locator(`tr[data-principal="${id}"]`)
              .getByRole('link', { name: /Revoke/ })
              .click(),
          ]);
          expect(await submitRefused(page)).toBe(422);
          expect(await page.textContent('#f-confirm-error')).toContain('must be ticked');
          expect(await works(second)).toBe(200);
          await fillForm(page, { confirm: true });
          await Promise.all([page.waitForURL(/\/ui\/principals\?revoked=/), sendForm(page)]);
          expect(await page.textContent('[data-notice="revoked"]')).toContain(
            `Every token of ${id} is revoked`,
          );
          expect(
            await page.locator(`tr[data-principal="${id}"] [data-status]`).textContent(),
          ).toContain('No live token');
          expect(await works(first)).toBe(401);
          expect(await works(second)).toBe(401);
        },
      );
    });
  });

  describe('people named by evidence, and their erasure', () => {
    const SUBJECT = 'witness-ui-erasure';
    const NAME = 'Amina Form-Witness';
    let investigationStream = '';

    const personal = async (as: keyof typeof principals) => {
      const answer = await api(as).get<{
        events: { type: string; personal?: Record<string, unknown> }[];
      }>(`/streams/${investigationStream}`);
      return answer.body.events.find((e) => e.personal?.[SUBJECT] !== undefined)?.personal?.[
        SUBJECT
      ];
    };

    it('logs evidence with the people it names, their details sealed (JS off, 360 px)', async () => {
      investigationStream = `investigation-${suite.ledger.alindao.investigationId}`;
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
          await fillForm(page, {
            kind: 'testimony',
            description: 'Statement of a witness of the attack',
            sha256: 'c'.repeat(64),
            custodian: 'MINUSCA Special Investigations Unit',
            'subjects[0].subjectId': SUBJECT,
            'subjects[0].role': 'witness',
            'subjects[0].details.name': NAME,
          });
          const { position } = await submitForm(page);
          const logged = await eventAt(suite, position);
          expect(logged.type).toBe('EvidenceLogged');
          expect(logged.data.subjects).toEqual([
            expect.objectContaining({ subjectId: SUBJECT, role: 'witness' }),
          ]);
          expect(JSON.stringify(logged)).not.toContain(NAME);
          expect(await personal('investigator')).toEqual({ name: NAME });
        },
      );
    });

    it('refuses the erasure until its irreversibility is ticked, beside the box; nothing changes', async () => {
      await inContext(
        suite.browser,
        { viewport: 'wide', javaScript: true },
        async ({ context }) => {
          const page = await openFormAs(context, suite.baseUrl, 'admin', 'Erase a data subject');
          await screenshot(page, 'form-subject-erasure--wide');
          await fillForm(page, { subjectId: SUBJECT, reason: 'The witness asked to be forgotten' });
          const before = await head();
          expect(await submitRefused(page)).toBe(422);
          expect(await head()).toBe(before);
          expect(await page.textContent('#f-irreversible-error')).toContain('cannot be undone');
          expect(await page.locator('.error-summary a[href="#f-irreversible"]').count()).toBe(1);
          expect(await page.inputValue('#f-subjectId')).toBe(SUBJECT);
          expect(await personal('investigator')).toEqual({ name: NAME });
          // A subject id the rule refuses: the reason beside it, with the API's own beside the reason.
          await fillForm(page, { subjectId: 'not a subject id', reason: '', irreversible: true });
          expect(await submitRefused(page)).toBe(400);
          expect(await page.textContent('#f-subjectId-error')).toContain('characters of');
          expect(await page.textContent('#f-reason-error')).toMatch(/\S/);
          expect(await head()).toBe(before);
        },
      );
    });

    it('erases the subject and says what was erased (JS off, 360 px); a resend erases nothing more', async () => {
      await inContext(
        suite.browser,
        {
          viewport: 'phone',
          javaScript: false,
        },
        async ({ context }) => {
          const page = await signInAs(context, suite.baseUrl, 'admin');
          await page.goto(`${suite.baseUrl}/ui/forms/subject-erasure`);
          await fillForm(page, {
            subjectId: SUBJECT,
            reason: 'The witness asked to be forgotten',
            irreversible: true,
          });
          await screenshot(page, 'form-subject-erasure--phone');
          const resend = await formAsSent(page);
          const before = await head();
          const { position } = await submitForm(page);
          expect(position).toBe(before + 1);
          expect(await page.textContent('[data-receipt-type]')).toBe('SubjectErased');
          expect(await page.textContent('[data-erased-subject]')).toBe(SUBJECT);
          expect(await page.textContent('[data-erased]')).toContain(
            'The witness asked to be forgotten',
          );
          await screenshot(page, 'form-subject-erasure--erased--phone');
          expect(await personal('investigator')).not.toEqual({ name: NAME });
          expect(JSON.stringify(await personal('investigator'))).not.toContain(NAME);
          const again = await sendAgain(page, resend);
          expect(again.status()).toBe(303);
          expect(again.headers().location).toBe(`/ui/forms/receipts/${position}`);
          expect(await head()).toBe(position);
        },
      );
    });
  });

  describe("a rotation's new commander", () => {
    it('records the rotation with the commander as a subject, the personal details sealed apart (JS off)', async () => {
      const COMMANDER = 'commander-ui-rotation';
      const NAME = 'Lt Col Form-Commander';
      const unit = suite.ledger.alindao.mauritania;
      await inContext(
        suite.browser,
        { viewport: 'wide', javaScript: false },
        async ({ context }) => {
          const page = await signInAs(context, suite.baseUrl, 'admin');
          await page.goto(`${suite.baseUrl}/ui/forms/contingent-rotate?contingent=${unit}`);
          await fillForm(page, {
            startedAt: '2018-06-01T00:00:00Z',
            strength: '140',
            commanderSubjectId: COMMANDER,
            'commanderDetails.name': NAME,
            'commanderDetails.rank': 'lieutenant_colonel',
          });
          const { position } = await submitForm(page);
          const rotated = await eventAt(suite, position);
          expect(rotated).toMatchObject({
            type: 'ContingentRotated',
            data: expect.objectContaining({ commanderSubjectId: COMMANDER, strength: 140 }),
          });
          expect(JSON.stringify(rotated)).not.toContain(NAME);
          const stream = await api('admin').get<{
            events: { type: string; personal?: Record<string, unknown> }[];
          }>(`/streams/contingent-${unit}`);
          const sealed = stream.body.events.find((e) => e.personal?.[COMMANDER] !== undefined);
          expect(sealed?.personal?.[COMMANDER]).toEqual({ name: NAME, rank: 'lieutenant_colonel' });
        },
      );
    });
  });
});
