import type { Page } from 'playwright-core';
import { screenshot } from '../../../../../test/browser/support/checks';
import { openContext } from '../../../../../test/browser/support/chromium';
import { ROLES, type StoriedLedger } from '../../../../../test/browser/support/ledger';
import { visitAsRole } from '../../../../../test/browser/support/page-matrix';
import { signInAs } from '../../../../../test/browser/support/session';
import { storiedSuite } from '../../../../../test/browser/support/storied-suite';

/** The global position of the first event of a stream, from the JSON API. */
async function positionOf(ledger: StoriedLedger, streamId: string, type: string): Promise<number> {
  const response = await ledger.ledger.client
    .as('oversight')
    .get(`/audit?stream=${encodeURIComponent(streamId)}&type=${type}`);
  return response.body.events[0].globalPosition;
}

const verdictOf = async (page: Page) => {
  await page.waitForSelector('#proof-verdict[data-verdict]', { timeout: 60_000 });
  return {
    verdict: await page.getAttribute('#proof-verdict', 'data-verdict'),
    title: await page.textContent('#proof-verdict-title'),
    steps: await page.locator('#proof-steps li').allTextContents(),
  };
};

describe('One event (/ui/events/{position})', () => {
  const suite = storiedSuite();
  /** The Juba finding against the Chinese battalion: every role, the Chinese liaison included, may see it. */
  let finding = 0;

  beforeAll(async () => {
    finding = await positionOf(
      suite.ledger,
      `investigation-${suite.ledger.juba.investigation.id}`,
      'FindingRecorded',
    );
  });

  it.each(ROLES)(
    'serves %s: accessible, keyboard-reachable, local, at 360 px and wide, JS on and off',
    async (role) => {
      const problems = await visitAsRole({
        browser: suite.browser,
        baseUrl: suite.baseUrl,
        role,
        name: 'event',
        path: `/ui/events/${finding}`,
        also: async ({ page, javaScript }) => {
          if (!javaScript) {
            const text = (await page.textContent('#proof')) ?? '';
            return text.includes('npm run ledger -- verify-proof inclusion') &&
              text.includes('JavaScript is off')
              ? []
              : ['with JavaScript off, the page does not say how to check the proof offline'];
          }
          const { verdict, steps } = await verdictOf(page);
          return verdict === 'verified' ? [] : [`proof not verified: ${steps.join(' | ')}`];
        },
      });
      expect(problems).toEqual([]);
    },
  );

  it('checks the proof in the browser: hash, leaf, audit path to the signed root, Ed25519 signature', async () => {
    const { context, watch } = await openContext(suite.browser, {
      viewport: 'wide',
      javaScript: true,
    });
    try {
      const page = await signInAs(context, suite.baseUrl, 'reviewer');
      await page.goto(`${suite.baseUrl}/ui/events/${finding}`);
      const { verdict, title, steps } = await verdictOf(page);
      expect(verdict).toBe('verified');
      expect(title).toBe('Verified in your browser');
      expect(steps).toHaveLength(4);
      expect(steps.every((s) => s.startsWith('Holds: '))).toBe(true);
      expect(steps[0]).toContain(await page.textContent('#event-hash'));
      await screenshot(page, 'event--proof-verified');
      await page.locator('#proof-title').evaluate((el) => el.scrollIntoView());
      await screenshot(page, 'readme--event-proof', { fullPage: false });
      expect(watch.consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each([
    [
      'a changed audit path',
      (doc: any) => ({
        ...doc,
        proof: [doc.proof[0].replace(/^./, (c: string) => (c === '0' ? '1' : '0'))].concat(
          doc.proof.slice(1),
        ),
      }),
    ],
    [
      'a changed event',
      (doc: any) => ({
        ...doc,
        event: { ...doc.event, data: { ...doc.event.data, severity: 'low' } },
      }),
    ],
    [
      'a forged signature',
      (doc: any) => ({
        ...doc,
        signedHead: { ...doc.signedHead, signature: Buffer.alloc(64, 7).toString('base64') },
      }),
    ],
  ])('shows plainly that a proof with %s does not hold', async (what, tamper) => {
    const { context } = await openContext(suite.browser, { viewport: 'wide', javaScript: true });
    try {
      const page = await signInAs(context, suite.baseUrl, 'oversight');
      await page.route('**/proof.json', async (route) => {
        const response = await route.fetch();
        const doc = await response.json();
        await route.fulfill({ response, json: tamper(doc) });
      });
      await page.goto(`${suite.baseUrl}/ui/events/${finding}`);
      const { verdict, title, steps } = await verdictOf(page);
      expect(verdict).toBe('failed');
      expect(title).toBe('The proof does not hold');
      expect(steps.some((s) => s.startsWith('Fails: '))).toBe(true);
      expect(await page.locator('#proof-verdict').evaluate((el) => el.className)).toContain(
        'verdict-bad',
      );
      await screenshot(page, `event--proof-tampered--${what.replace(/\s+/g, '-')}`);
    } finally {
      await context.close();
    }
  });

  it.each(['wide', 'phone'] as const)(
    'shows the event as known at an instant from its own "as known at" form (%s)',
    async (viewport) => {
      const { context } = await openContext(suite.browser, { viewport, javaScript: false });
      try {
        const page = await signInAs(context, suite.baseUrl, 'reviewer');
        await page.goto(`${suite.baseUrl}/ui/events/${finding}`);
        expect(await page.locator('.as-of').count()).toBe(0);
        const recordedAt = (await page.getAttribute(
          'dt:has-text("Recorded") + dd time',
          'datetime',
        ))!;
        const field = page.getByLabel('Show as known at (UTC)');
        // Known then: the same event, under the "as known at" banner, the field keeping the instant.
        const then = new Date(Date.parse(recordedAt) + 1).toISOString().slice(0, 23);
        await field.fill(then);
        await page.getByRole('button', { name: 'Show' }).click();
        expect(new URL(page.url()).pathname).toBe(`/ui/events/${finding}`);
        const sameInstant = (value: string | null) => Date.parse(`${value}Z`);
        expect(sameInstant(new URL(page.url()).searchParams.get('asOf'))).toBe(sameInstant(then));
        await expect(page.locator('.as-of').textContent()).resolves.toContain('As known at');
        expect(await page.textContent('h1')).toContain(`Event ${finding}`);
        expect(sameInstant(await field.inputValue())).toBe(sameInstant(then));
        await screenshot(page, `event--as-of--${viewport}`);
        // Before it was recorded: not yet known.
        const before = new Date(Date.parse(recordedAt) - 1).toISOString().slice(0, 23);
        await field.fill(before);
        await page.getByRole('button', { name: 'Show' }).click();
        expect(await page.textContent('main')).toContain(
          `There is no event at position ${finding} that you may see as known at`,
        );
      } finally {
        await context.close();
      }
    },
  );

  it('offers the proof for download, with what `ledger verify-proof` needs', async () => {
    const { context } = await openContext(suite.browser, { viewport: 'wide', javaScript: false });
    try {
      const page = await signInAs(context, suite.baseUrl, 'reviewer');
      await page.goto(`${suite.baseUrl}/ui/events/${finding}`);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download the proof (JSON)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`inclusion-proof-${finding}.json`);
      const doc = JSON.parse(
        Buffer.concat(await (await download.createReadStream()).toArray()).toString(),
      );
      expect(doc).toMatchObject({
        format: 'blue-ledger/inclusion-proof/v1',
        position: String(finding),
        leafIndex: expect.stringMatching(/^\d+$/),
        treeSize: expect.stringMatching(/^\d+$/),
        eventHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        signedHead: expect.objectContaining({ signature: expect.any(String) }),
        publicKey: expect.objectContaining({ algorithm: 'Ed25519' }),
      });
      expect(doc.verifyOffline).toContain(`--leaf-index ${doc.leafIndex}`);
    } finally {
      await context.close();
    }
  });

  it('links the previous hash to the previous event of the stream, and the event to its cause and request', async () => {
    const { context } = await openContext(suite.browser, { viewport: 'wide', javaScript: false });
    try {
      const page = await signInAs(context, suite.baseUrl, 'reviewer');
      await page.goto(`${suite.baseUrl}/ui/events/${finding}`);
      const previous = page.locator('dt:has-text("Previous event") + dd a');
      expect(await previous.textContent()).toMatch(/Event \d+, revision \d+/);
      expect(await page.textContent('dt:has-text("Previous event") + dd')).toContain(
        'Its hash equals this previous hash',
      );
      const prevHash = (await page.textContent('dt:has-text("Previous hash") + dd'))!.trim();
      await previous.click();
      expect((await page.textContent('#event-hash'))!.trim()).toBe(prevHash);
      await page
        .getByRole('link', { name: /every event of the same request|^[0-9a-f-]{36}$/ })
        .first()
        .click();
      expect(new URL(page.url()).pathname).toBe('/ui/audit');
      expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it('shows personal details in clear only to those with need-to-know, and logs each such view', async () => {
    const client = suite.ledger.ledger.client;
    const investigator = client.as('investigator');
    const reported = await investigator.create('/incidents', {
      missionCode: 'MINUSCA',
      occurredAt: '2018-11-16T08:00:00+01:00',
      location: { name: 'Alindao' },
      category: 'sexual_exploitation_and_abuse',
      summary: 'Allegation received by the conduct and discipline team',
      subjects: [
        { subjectId: 'victim-alindao-1', role: 'victim', details: { name: 'A. B.', age: '16' } },
      ],
    });
    const before = (await client.as('oversight').get('/access-log?subject=victim-alindao-1')).body
      .items.length;
    const { context } = await openContext(suite.browser, { viewport: 'wide', javaScript: false });
    try {
      const reviewer = await signInAs(context, suite.baseUrl, 'reviewer');
      await reviewer.goto(`${suite.baseUrl}/ui/events/${reported.position}`);
      const redacted = (await reviewer.textContent('main')) ?? '';
      expect(redacted).toContain('[redacted]');
      expect(redacted).not.toContain('A. B.');
      await reviewer.close();
      const owner = await signInAs(context, suite.baseUrl, 'investigator');
      await owner.goto(`${suite.baseUrl}/ui/events/${reported.position}`);
      expect(await owner.textContent('main')).toContain('A. B.');
      await screenshot(owner, 'event--personal-details-in-clear');
    } finally {
      await context.close();
    }
    const log = (await client.as('oversight').get('/access-log?subject=victim-alindao-1')).body
      .items;
    expect(log.length).toBe(before + 1);
    expect(log.at(-1)).toMatchObject({
      principalId: 'inv-boi',
      subjectId: 'victim-alindao-1',
      request: `GET /ui/events/${reported.position}`,
    });
  });

  it('shows an event as known at an instant: one recorded later is not there yet, and is without asOf', async () => {
    const { context } = await openContext(suite.browser, { viewport: 'wide', javaScript: false });
    try {
      const page = await signInAs(context, suite.baseUrl, 'oversight');
      const all = (await (await page.request.get(`${suite.baseUrl}/ui/audit.ndjson`)).text())
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { globalPosition: number; recordedAt: string });
      const instant = all[20].recordedAt;
      const later = all.find((e) => e.recordedAt > instant)!;
      const earlier = all.filter((e) => e.recordedAt <= instant).at(-1)!;
      const at = `?asOf=${encodeURIComponent(instant)}`;

      const absent = await page.goto(`${suite.baseUrl}/ui/events/${later.globalPosition}${at}`);
      expect(absent?.status()).toBe(404);
      expect(await page.textContent('main')).toContain(`as known at ${instant}`);

      const present = await page.goto(`${suite.baseUrl}/ui/events/${later.globalPosition}`);
      expect(present?.status()).toBe(200);

      await page.goto(`${suite.baseUrl}/ui/events/${earlier.globalPosition}${at}`);
      await expect(page.locator('.as-of').textContent()).resolves.toContain('As known at');
      const stream = await page.getAttribute('a.hash[href^="/ui/audit?stream="]', 'href');
      expect(stream).toContain(`asOf=${encodeURIComponent(instant)}`);
      await page.getByRole('link', { name: 'Show the record as it stands now' }).click();
      expect(page.url()).toBe(`${suite.baseUrl}/ui/events/${earlier.globalPosition}`);
    } finally {
      await context.close();
    }
  });
});
