import { inContext } from '../../../../../test/browser/support/chromium';
import { ROLES } from '../../../../../test/browser/support/ledger';
import { visitAsRole } from '../../../../../test/browser/support/page-matrix';
import { auditTrailThroughPage, signInAs } from '../../../../../test/browser/support/session';
import { storiedSuite } from '../../../../../test/browser/support/storied-suite';

describe('The audit trail (/ui/audit)', () => {
  const suite = storiedSuite();

  it.each(ROLES)(
    'serves %s: accessible, keyboard-reachable, local, at 360 px and wide, JS on and off',
    async (role) => {
      const problems = await visitAsRole({
        browser: suite.browser,
        baseUrl: suite.baseUrl,
        role,
        name: 'audit',
        path: '/ui/audit?limit=20',
      });
      expect(problems).toEqual([]);
    },
  );

  it('filters by stream and type, and exports the same selection as NDJSON and CSV', async () => {
    await inContext(suite.browser, { viewport: 'wide', javaScript: false }, async ({ context }) => {
      const page = await signInAs(context, suite.baseUrl, 'oversight');
      const stream = `investigation-${suite.ledger.malakal.board.id}`;
      await page.goto(`${suite.baseUrl}/ui/audit`);
      await page.getByLabel('Stream').fill(stream);
      await page.getByLabel('Event type').selectOption('RecommendationIssued');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/type=RecommendationIssued/);
      const rows = await page.locator('tbody tr').count();
      expect(rows).toBe(3);

      const ndjson = await page.request.get(
        `${suite.baseUrl}${await page.getAttribute('a:has-text("Export this selection as NDJSON")', 'href')}`,
      );
      expect(ndjson.headers()['content-disposition']).toContain('audit-trail.ndjson');
      const events = (await ndjson.text())
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(events).toHaveLength(3);
      expect(events.every((e) => e.streamId === stream && e.type === 'RecommendationIssued')).toBe(
        true,
      );
      expect(events[0]).toEqual(
        expect.objectContaining({
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
          prevHash: expect.any(String),
        }),
      );

      const csv = await page.request.get(
        `${suite.baseUrl}${await page.getAttribute('a:has-text("as CSV")', 'href')}`,
      );
      const lines = (await csv.text()).trim().split('\r\n');
      expect(lines[0]).toMatch(/^global_position,recorded_at,occurred_at,type/);
      expect(lines).toHaveLength(4);
      expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(
        events.map((e) => String(e.globalPosition)),
      );
    });
  });

  it('pages through the whole trail with links, in global order', async () => {
    await inContext(suite.browser, { viewport: 'wide', javaScript: true }, async ({ context }) => {
      const page = await signInAs(context, suite.baseUrl, 'reviewer');
      await page.goto(`${suite.baseUrl}/ui/audit?limit=25`);
      const positions: number[] = [];
      for (;;) {
        const cells = await page.locator('tbody tr td:first-child').allTextContents();
        positions.push(...cells.map((c) => Number(c.trim())));
        const next = page.getByRole('link', { name: 'Next page' });
        if ((await next.count()) === 0) break;
        await next.click();
      }
      expect(positions.length).toBeGreaterThan(60);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(positions).size).toBe(positions.length);
    });
  });

  it('shows the trail as known at an instant, and exports that same prefix', async () => {
    await inContext(suite.browser, { viewport: 'wide', javaScript: false }, async ({ context }) => {
      const page = await signInAs(context, suite.baseUrl, 'oversight');
      const all = await auditTrailThroughPage(page, suite.baseUrl);
      const instant = all[11].recordedAt;
      const known = all.filter((e) => e.recordedAt <= instant);
      expect(known.length).toBeLessThan(all.length);

      await page.goto(`${suite.baseUrl}/ui/audit?limit=200&asOf=${encodeURIComponent(instant)}`);
      await expect(page.locator('.as-of').textContent()).resolves.toContain('As known at');
      const positions = await page.locator('tbody tr td:first-child').allTextContents();
      expect(positions.map((c) => Number(c.trim()))).toEqual(known.map((e) => e.globalPosition));

      const ndjson = await page.request.get(
        `${suite.baseUrl}${await page.getAttribute('a:has-text("Export this selection as NDJSON")', 'href')}`,
      );
      const exported = (await ndjson.text())
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { globalPosition: number }).globalPosition);
      expect(exported).toEqual(known.map((e) => e.globalPosition));

      await page.getByRole('link', { name: 'Show the record as it stands now' }).click();
      expect(await page.locator('.as-of').count()).toBe(0);
    });
  });
});
