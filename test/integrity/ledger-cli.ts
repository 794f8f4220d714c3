import { execFile } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The built `ledger` command (the end-to-end tier builds it once in its global setup), or
 * another build of it named by BLUE_LEDGER_CLI_MAIN; packages resolve from this checkout.
 */
export const CLI_MAIN =
  process.env.BLUE_LEDGER_CLI_MAIN ?? path.join(ROOT, 'dist/apps/cli/src/main.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `ledger <args>` as a real process, on the data directory given (if any). */
export function ledger(args: string[], dataDir?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI_MAIN, ...args],
      {
        env: {
          ...process.env,
          NODE_PATH: path.join(ROOT, 'node_modules'),
          ...(dataDir && { LEDGER_DATA_DIR: dataDir }),
          LOG_LEVEL: 'error',
        },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        if (code === null) reject(error);
        else resolve({ code, stdout, stderr });
      },
    );
  });
}

/** `ledger export` then `ledger verify` on the export, as an auditor would run them. */
export async function exportAndVerify(
  dataDir: string,
  publicKeyFile: string,
  extra: string[] = [],
): Promise<CliRun> {
  const file = path.join(dataDir, `export-${Date.now()}.ndjson`);
  const exported = await ledger(['export', '--out', file, '--no-progress'], dataDir);
  if (exported.code !== 0) throw new Error(`ledger export failed: ${exported.stderr}`);
  return ledger(['verify', file, '--public-key', publicKeyFile, '--no-progress', ...extra]);
}
