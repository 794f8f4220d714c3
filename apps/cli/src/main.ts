#!/usr/bin/env node
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { ConfigurationError } from '@blue-ledger/runtime';
import { registerExport } from './commands/export';
import { registerFairness } from './commands/fairness';
import { registerImport } from './commands/import';
import { registerPrincipals } from './commands/principals';
import { registerPublicKey } from './commands/public-key';
import { registerRebuild } from './commands/rebuild';
import { registerVerify } from './commands/verify';
import { registerVerifyProof } from './commands/verify-proof';

/** `ledger`: the ledger's offline tools. Run as `npm run ledger -- <command>`. */
export function buildProgram(): Command {
  const program = new Command('ledger')
    .description('Blue Ledger: offline tools over the ledger in LEDGER_DATA_DIR (default ./data)')
    .showHelpAfterError()
    .exitOverride();
  registerRebuild(program);
  registerImport(program);
  registerPrincipals(program);
  registerExport(program);
  registerVerify(program);
  registerVerifyProof(program);
  registerPublicKey(program);
  registerFairness(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      return 2;
    }
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

if (require.main === module) {
  main(process.argv).then((code) => process.exit(code));
}
