import type { Command } from 'commander';
import { hashArgument, proofArgument, sizeArgument } from '../integrity/cli-arguments';
import {
  checkConsistency,
  checkInclusion,
  type ConsistencyArguments,
  type InclusionArguments,
  type ProofAnswer,
} from '../integrity/proof-check';

const PROOF_HELP = 'the proof: hashes in hex or base64, separated by commas ("" for none)';

/**
 * `ledger verify-proof inclusion|consistency`: checks one proof handed over by someone else,
 * every step of it (RFC 9162 §2.1.3.2 and §2.1.4.2). Exit 0 valid, 1 invalid with the reason,
 * 2 bad usage.
 */
export function registerVerifyProof(program: Command): void {
  const command = program
    .command('verify-proof')
    .description('Check a Merkle inclusion or consistency proof (RFC 9162), offline');

  command
    .command('inclusion')
    .description('Check that a leaf is in the tree with the given root')
    .requiredOption('--leaf-index <m>', 'the leaf, 0-based', sizeArgument)
    .requiredOption('--tree-size <n>', 'the number of leaves of the tree', sizeArgument)
    .option('--leaf-hash <hash>', 'SHA-256(0x00 || event hash), as the API gives it', hashArgument)
    .option('--event-hash <hash>', "or the event's own hash", hashArgument)
    .requiredOption('--root <hash>', 'the root of the tree', hashArgument)
    .requiredOption('--proof <hashes>', PROOF_HELP, proofArgument)
    .action((options: InclusionArguments, sub: Command) => {
      if ((options.leafHash === undefined) === (options.eventHash === undefined)) {
        sub.error('error: give exactly one of --leaf-hash and --event-hash', { exitCode: 2 });
      }
      report(checkInclusion(options));
    });

  command
    .command('consistency')
    .description('Check that the tree of size2 leaves extends the tree of size1 leaves')
    .requiredOption('--size1 <m>', 'the size of the earlier tree', sizeArgument)
    .requiredOption('--size2 <n>', 'the size of the later tree', sizeArgument)
    .requiredOption('--root1 <hash>', 'the root of the earlier tree', hashArgument)
    .requiredOption('--root2 <hash>', 'the root of the later tree', hashArgument)
    .requiredOption('--proof <hashes>', PROOF_HELP, proofArgument)
    .action((options: ConsistencyArguments) => report(checkConsistency(options)));
}

function report({ valid, message }: ProofAnswer): void {
  console.log(message);
  process.exitCode = valid ? 0 : 1;
}
