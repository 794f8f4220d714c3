import type { Command } from 'commander';
import {
  ledgerReportToJson,
  signedTreeHeadFromJson,
  verifyExport,
  type SignedTreeHead,
} from '@blue-ledger/integrity';
import type { KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import { publicKeyArgument } from '../integrity/cli-arguments';
import { fileLines } from '../integrity/file-lines';
import { noProgress, positionProgress } from '../integrity/position-progress';
import { reportText } from '../integrity/report-text';

interface VerifyOptions {
  publicKey: KeyObject;
  trustedHead: string[];
  json: boolean;
  progress: boolean;
}

/**
 * `ledger verify FILE --public-key KEY`: checks an export offline, without the server: every
 * stream's hash chain, the Merkle root of every signed head recomputed from the events, every
 * signature, and each later head consistent with each earlier one. Exit 0 when all hold, 1 at
 * the first failure, 2 on bad usage.
 */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('Verify an export offline: hash chains, Merkle roots, signatures, consistency')
    .argument('<file>', 'an export written by `ledger export`')
    .requiredOption(
      '-k, --public-key <key>',
      "the notary's public key: a PEM file, or the raw key in base64 or hex (from your own copy, not the export)",
      publicKeyArgument,
    )
    .option(
      '-t, --trusted-head <file>',
      'a signed tree head you kept earlier (JSON, as GET /integrity/head gives it): the export must extend it; repeatable',
      (file: string, files: string[]) => [...files, file],
      [] as string[],
    )
    .option('--json', 'print the report as JSON')
    .option('--no-progress', 'no progress bar')
    .action(async (file: string, options: VerifyOptions, command: Command) => {
      if (!fs.existsSync(file)) command.error(`error: no such file: ${file}`, { exitCode: 2 });
      const trustedHeads = options.trustedHead.map((headFile) => readHead(headFile, command));
      const progress = options.progress ? positionProgress('verify') : noProgress;
      let started = false;
      const report = await verifyExport(fileLines(file), {
        publicKey: options.publicKey,
        trustedHeads,
        onProgress(events, total) {
          if (!started && total !== null) progress.start(total);
          started = true;
          progress.update(events);
        },
      });
      progress.stop();
      console.log(
        options.json
          ? JSON.stringify(ledgerReportToJson(report), null, 2)
          : reportText(file, report),
      );
      process.exitCode = report.ok ? 0 : 1;
    });
}

function readHead(file: string, command: Command): SignedTreeHead {
  try {
    return signedTreeHeadFromJson(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (error) {
    return command.error(`error: ${file} is not a signed tree head: ${(error as Error).message}`, {
      exitCode: 2,
    });
  }
}
