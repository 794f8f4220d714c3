import { KEK_BYTES, parseKek } from '@blue-ledger/access';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigurationError } from '../config/ledger-config';
import { PRIVATE_FILE_MODE, privateDir } from './private-data-dir';

/** The file that keeps the key-encryption key when LEDGER_KEK is not set. */
export const KEK_FILE = 'kek';

export interface KeyEncryptionKey {
  key: Buffer;
  source: 'LEDGER_KEK' | 'file';
  /** This start made the file. */
  created: boolean;
}

/**
 * The key-encryption key that wraps the subjects' keys: LEDGER_KEK when it is set (nothing is
 * written then), otherwise the file `kek` in the data directory (owner only), made on the first
 * start. `mayCreate` is false once keys were wrapped: a lost KEK must stop the start, never be
 * replaced by a new one under which the existing details could no longer be read.
 */
export function loadKeyEncryptionKey(
  dataDir: string,
  fromEnvironment: Buffer | undefined,
  mayCreate: boolean,
): KeyEncryptionKey {
  if (fromEnvironment) return { key: fromEnvironment, source: 'LEDGER_KEK', created: false };
  const file = path.join(dataDir, KEK_FILE);
  if (fs.existsSync(file)) {
    const key = parseKek(fs.readFileSync(file, 'utf8'));
    if (!key)
      throw new ConfigurationError(`${file} does not hold a key-encryption key (32 bytes, base64)`);
    return { key, source: 'file', created: false };
  }
  if (!mayCreate) {
    throw new ConfigurationError(
      `The subjects' keys in ${dataDir} are wrapped under a key-encryption key, but neither LEDGER_KEK nor ${file} holds it. ` +
        'Restore the kek file (or set LEDGER_KEK) from where it was kept apart from the data.',
    );
  }
  privateDir(dataDir);
  const key = randomBytes(KEK_BYTES);
  try {
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  } catch (error) {
    // Another process starting on the same directory made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return loadKeyEncryptionKey(dataDir, undefined, false);
    }
    throw error;
  }
  return { key, source: 'file', created: true };
}
