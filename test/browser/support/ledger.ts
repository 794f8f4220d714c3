import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ConfiguredPrincipal } from '@blue-ledger/access';
import type { LedgerClient } from '../../support/http-client';
import { startLedgerProcess, type LedgerProcess } from '../../support/ledger-process';
import { principals } from '../../support/principals';
import { kenyaLiaison } from '../../support/story-cast';
import {
  recordAlindao,
  recordBangassou,
  recordMinusca,
  type AlindaoRecord,
} from '../../stories/recordings/alindao';
import { recordJuba, type JubaRecord } from '../../stories/recordings/juba';
import { recordMalakal, type MalakalRecord } from '../../stories/recordings/malakal';

/** China's permanent mission: the liaison whose browser must see the Chinese battalion only. */
export const chinaLiaison = {
  token: 'liaison-chn-token-0123456789',
  id: 'pm-chn',
  name: 'Permanent Mission of China',
  roles: ['tcc_liaison'],
  country: 'CHN',
} satisfies ConfiguredPrincipal;

/** One principal per role, as the browser signs in. */
export const READERS = {
  admin: principals.admin,
  investigator: principals.investigator,
  decision_authority: principals.decider,
  oversight: principals.oversight,
  reviewer: principals.reviewer,
  tcc_liaison: chinaLiaison,
} as const;
export type RoleName = keyof typeof READERS;
export const ROLES = Object.keys(READERS) as RoleName[];

export interface StoriedLedger {
  ledger: LedgerProcess;
  baseUrl: string;
  dataDir: string;
  malakal: MalakalRecord;
  juba: JubaRecord;
  alindao: AlindaoRecord & { mauritania: string };
  stop(): Promise<void>;
}

export const principalsEnv = (): string =>
  JSON.stringify([...Object.values(principals), kenyaLiaison, chinaLiaison]);

/** The built ledger as its own process, with the three stories recorded through the JSON API. */
export async function startStoriedLedger(env: Record<string, string> = {}): Promise<StoriedLedger> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-browser-'));
  const ledger = await startLedgerProcess(dataDir, {
    LEDGER_PRINCIPALS: principalsEnv(),
    // The notary signs a head often, so that every story's events have their proof.
    LEDGER_NOTARY_EVERY_EVENTS: '5',
    LEDGER_NOTARY_EVERY_SECONDS: '1',
    ...env,
  });
  const client: LedgerClient = ledger.client;
  const stopped = async () => {
    await ledger.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  let stories;
  try {
    const malakal = await recordMalakal(client);
    const juba = await recordJuba(client);
    const mauritania = await recordMinusca(client);
    const alindao = { ...(await recordAlindao(client, mauritania)), mauritania };
    await recordBangassou(client);
    await signHeadNow(client);
    stories = { malakal, juba, alindao };
  } catch (error) {
    await stopped();
    throw error;
  }
  return {
    ...stories,
    ledger,
    baseUrl: client.baseUrl,
    dataDir,
    stop: stopped,
  };
}

/** A signed head over every event recorded so far (the notary would sign one within a second). */
export async function signHeadNow(client: LedgerClient): Promise<void> {
  const response = await client.as('oversight').post('/integrity/heads');
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`POST /integrity/heads answered ${response.status}`);
  }
}
