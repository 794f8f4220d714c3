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

/** An inclusion proof as `GET /integrity/proofs/inclusion` answers it. */
export interface InclusionProofAnswer {
  leafIndex: string;
  treeSize: string;
  leafHash: string;
  rootHash: string;
  proof: string[];
}

/**
 * The arguments of `ledger verify-proof inclusion` for a proof the API answered; `instead`
 * replaces a part as an auditor might give it (the event's hash instead of the leaf's, hashes
 * in base64, another root, a forged step).
 */
export function inclusionArgs(
  answer: InclusionProofAnswer,
  instead: { leafHash?: string; eventHash?: string; root?: string; proof?: string[] } = {},
): string[] {
  const leaf =
    instead.eventHash === undefined
      ? ['--leaf-hash', instead.leafHash ?? answer.leafHash]
      : ['--event-hash', instead.eventHash];
  return [
    'verify-proof',
    'inclusion',
    '--leaf-index',
    answer.leafIndex,
    '--tree-size',
    answer.treeSize,
    ...leaf,
    '--root',
    instead.root ?? answer.rootHash,
    '--proof',
    (instead.proof ?? answer.proof).join(','),
  ];
}
