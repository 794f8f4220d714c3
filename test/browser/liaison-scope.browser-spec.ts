import type { Page } from 'playwright-core';
import { openContext } from './support/chromium';
import { signInAs } from './support/session';
import { storiedSuite } from './support/storied-suite';

/**
 * China's liaison reads the Juba story about its battalion and nothing about anyone else's
 * units: on no page, in no list, no export and no proof.
 */
describe("A contributing country's liaison in the browser", () => {
  const suite = storiedSuite();

  /** Every id and name of a unit that is not China's, and of what concerns only them. */
  const foreign = () => {
    const { malakal, juba, alindao } = suite.ledger;
    return {
      ids: [
        malakal.units.rwanda,
        malakal.units.india,
        malakal.units.ethiopia,
        malakal.incidentId,
        malakal.board.id,
        malakal.internal.id,
        ...Object.values(malakal.recommendations),
        ...Object.values(malakal.decisions),
        juba.units.nepal,
        juba.units.kenya,
        juba.investigation.nepaleseUnit,
        juba.namings.nepal,
        juba.notificationId,
        alindao.mauritania,
        alindao.incidentId,
        alindao.decisionId,
      ],
      names: [
        'Rwandan',
        'Indian battalion',
        'Ethiopian',
        'Nepalese',
        'Kenyan',
        'Mauritanian',
        'Moroccan',
        'Malakal',
        'Alindao',
      ],
    };
  };

  const leaksIn = (where: string, text: string): string[] => {
    const { ids, names } = foreign();
    return [...ids, ...names].filter((x) => text.includes(x)).map((x) => `${where} shows ${x}`);
  };

  /** Every page and file reachable from the pages, as the liaison, following its links. */
  async function crawl(page: Page): Promise<{ leaks: string[]; visited: string[] }> {
    const base = suite.baseUrl;
    const { juba } = suite.ledger;
    const queue = [
      '/ui',
      '/ui/incidents',
      '/ui/audit?limit=200',
      '/ui/integrity',
      '/ui/contingents',
      '/ui/follow-through',
      // The replay with what was not yet known shown too, and at an early step.
      `/ui/incidents/${juba.incidentId}/timeline?unknown=show`,
      `/ui/incidents/${juba.incidentId}/timeline?order=recorded&step=2&unknown=show`,
    ];
    const seen = new Set<string>();
    const leaks: string[] = [];
    while (queue.length > 0 && seen.size < 150) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const response = await page.request.get(`${base}${path}`);
      const body = await response.text();
      if (response.status() >= 500) leaks.push(`${path}: ${response.status()}`);
      if (response.status() >= 400) continue;
      leaks.push(...leaksIn(path, body));
      if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) continue;
      for (const match of body.matchAll(/href="(\/ui[^"#]*)"/g)) {
        const href = match[1].replace(/&amp;/g, '&');
        if (!href.startsWith('/ui/assets') && !seen.has(href)) queue.push(href);
      }
    }
    return { leaks, visited: [...seen] };
  }

  it('sees its own battalion in Juba, and no other country on any page, list, export or proof', async () => {
    const { context, watch } = await openContext(suite.browser, {
      viewport: 'wide',
      javaScript: true,
    });
    try {
      const page = await signInAs(context, suite.baseUrl, 'tcc_liaison');
      await page.goto(`${suite.baseUrl}/ui/incidents`);
      const rows = await page.locator('tbody tr').allTextContents();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toContain('UN House POC site, Juba');
      expect(rows[0]).toContain('Chinese battalion (CHN, UNMISS)');

      const { leaks, visited } = await crawl(page);
      expect(leaks).toEqual([]);
      // The crawl reached pages of every kind, exports and proofs included.
      for (const kind of [
        '/ui/events/',
        '/ui/incidents.csv',
        '/ui/audit.ndjson',
        '/ui/audit.csv',
        '/proof.json',
        '/ui/integrity/head.json',
        `/ui/incidents/${suite.ledger.juba.incidentId}`,
        '/timeline?',
        `/ui/contingents/${suite.ledger.juba.units.china}`,
      ]) {
        expect(visited.some((p) => p.includes(kind))).toBe(true);
      }
      expect(watch.external).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("finds another country's events and incidents not there, by address", async () => {
    const { context } = await openContext(suite.browser, { viewport: 'wide', javaScript: false });
    try {
      const page = await signInAs(context, suite.baseUrl, 'tcc_liaison');
      const client = suite.ledger.ledger.client.as('oversight');
      const malakalEvents = await client.get(
        `/audit?stream=incident-${suite.ledger.malakal.incidentId}`,
      );
      const position = malakalEvents.body.events[0].globalPosition;
      for (const path of [`/ui/events/${position}`, `/ui/events/${position}/proof.json`]) {
        const response = await page.goto(`${suite.baseUrl}${path}`);
        expect(response?.status()).toBe(404);
        expect(leaksIn(path, await page.content())).toEqual([]);
      }
      const filtered = await page.goto(
        `${suite.baseUrl}/ui/incidents?contingent=${suite.ledger.malakal.units.ethiopia}`,
      );
      expect(filtered?.status()).toBe(200);
      expect(await page.locator('tbody tr').count()).toBe(0);
      const audit = await page.goto(
        `${suite.baseUrl}/ui/audit?stream=${encodeURIComponent(`incident-${suite.ledger.alindao.incidentId}`)}`,
      );
      expect(audit?.status()).toBe(200);
      expect(await page.locator('tbody tr').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
