import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A fresh data directory for one ledger (its SQLite file, read models, keys). */
export function createDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
}

export function removeDataDir(dataDir: string): void {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
