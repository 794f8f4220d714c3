import type { Command } from 'commander';
import {
  exportPublicKeyRaw,
  importPublicKey,
  NOTARY_PUBLIC_KEY_FILE,
} from '@blue-ledger/integrity';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '@blue-ledger/runtime';

/** `ledger public-key`: the notary's public key from its key directory (the data directory by default), for auditors. */
export function registerPublicKey(program: Command): void {
  program
    .command('public-key')
    .description("Print the notary's Ed25519 public key (PEM; --raw for base64 of the 32 bytes)")
    .option('--raw', 'the 32 raw bytes in base64 instead of PEM')
    .action((options: { raw?: boolean }) => {
      const file = path.join(loadConfig().notary.keyDir, NOTARY_PUBLIC_KEY_FILE);
      if (!fs.existsSync(file)) {
        throw new Error(`no notary key at ${file}: the ledger creates it on its first start`);
      }
      const pem = fs.readFileSync(file, 'utf8');
      console.log(options.raw ? exportPublicKeyRaw(importPublicKey(pem)) : pem.trimEnd());
    });
}
