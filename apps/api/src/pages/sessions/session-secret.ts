import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SESSION_SECRET = Symbol('SESSION_SECRET');

/**
 * The key that signs the pages' cookies and CSRF tokens: made on the first start in the data
 * directory (`ui-session.key`, mode 0600), like the notary's key, so that sessions survive a
 * restart. Deleting the file ends every session at the next start.
 * With LEDGER_STORE=postgres the key is kept in the shared database instead
 * (PostgresSessionStore.sharedSecret): every instance must sign with the same one.
 */
export function loadOrCreateSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, 'ui-session.key');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('hex');
  try {
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // Another process of the same data directory made it first.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return fs.readFileSync(file, 'utf8').trim();
    throw error;
  }
}
