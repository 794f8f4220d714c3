import * as storeVerification from '../../apps/api/src/integrity/store-verification';
import { VerificationPasses } from '../../apps/api/src/integrity/verification-passes';
import { registerMissionAndContingent } from '../reliability/support/ledger-fixtures';
import type { HttpResponse, LedgerClient } from '../support/http-client';
import { startApp, type RunningApp } from '../support/in-process-app';

/** Only the passes the requests ask for: none on a timer, heads signed when asked. */
const ON_REQUEST_ONLY = {
  LEDGER_VERIFY_EVERY_SECONDS: '0',
  LEDGER_NOTARY_EVERY_EVENTS: '1000000',
  LEDGER_NOTARY_EVERY_SECONDS: '86400',
};

/**
 * `POST /integrity/verification` reads the whole store: calls made while a pass is running share
 * it. The passes are counted where they start (`verifyStore`), and each one is held until every
 * request of the test has reached the app, so that the requests overlap whatever the machine's
 * speed; the pass itself runs unchanged.
 */
describe('POST /integrity/verification, called several times at once', () => {
  let running: RunningApp;
  let oversight: LedgerClient;
  let signedHead: unknown;

  const realVerifyStore = storeVerification.verifyStore;
  let passes: jest.SpyInstance;
  let calls: jest.SpyInstance;
  let passesAtOnce = 0;
  let mostPassesAtOnce = 0;
  let release: () => void = () => undefined;

  beforeAll(async () => {
    running = await startApp(ON_REQUEST_ONLY);
    oversight = running.client.as('oversight');
    await registerMissionAndContingent(running.client);
    const signed = await running.client.as('admin').post('/integrity/heads', {});
    expect(signed.status).toBe(201);
    signedHead = signed.body;
  });

  afterAll(async () => {
    await running?.close();
  });

  beforeEach(() => {
    const held = new Promise<void>((resolve) => (release = resolve));
    passesAtOnce = 0;
    mostPassesAtOnce = 0;
    calls = jest.spyOn(VerificationPasses.prototype, 'run');
    passes = jest.spyOn(storeVerification, 'verifyStore').mockImplementation(async (...args) => {
      mostPassesAtOnce = Math.max(mostPassesAtOnce, ++passesAtOnce);
      try {
        await held;
        return await realVerifyStore(...args);
      } finally {
        passesAtOnce -= 1;
      }
    });
  });

  afterEach(() => {
    release();
    jest.restoreAllMocks();
  });

  /** Sends the bodies at once; lets the passes go on once every one of them reached the app. */
  async function atOnce(...bodies: object[]): Promise<HttpResponse[]> {
    const answers = Promise.all(
      bodies.map((body) => oversight.post('/integrity/verification', body)),
    );
    while (calls.mock.calls.length < bodies.length) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    release();
    return answers;
  }

  it('runs one pass for two identical calls, and answers both with its report', async () => {
    const [first, second] = await atOnce({}, {});

    expect(passes).toHaveBeenCalledTimes(1);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body).toMatchObject({ ok: true, checked: { heads: 1 } });
    // The same pass: the same report, ended at the same instant.
    expect(second.body).toEqual(first.body);
  });

  it('runs a new pass for a call made after the shared one ended', async () => {
    const [before] = await atOnce({});
    const after = await oversight.post('/integrity/verification', {});

    expect(passes).toHaveBeenCalledTimes(2);
    expect(after.status).toBe(200);
    expect(Date.parse(after.body.verifiedAt)).toBeGreaterThanOrEqual(
      Date.parse(before.body.verifiedAt),
    );
  });

  it('gives a call with other trusted heads a pass of its own, after the running one', async () => {
    const [plain, trusting] = await atOnce({}, { trustedHeads: [signedHead] });

    expect(passes).toHaveBeenCalledTimes(2);
    expect(mostPassesAtOnce).toBe(1);
    expect(plain.body).toMatchObject({ ok: true, checked: { trustedHeads: 0 } });
    expect(trusting.body).toMatchObject({ ok: true, checked: { trustedHeads: 1 } });
    expect(Date.parse(trusting.body.verifiedAt)).toBeGreaterThanOrEqual(
      Date.parse(plain.body.verifiedAt),
    );
  });
});
