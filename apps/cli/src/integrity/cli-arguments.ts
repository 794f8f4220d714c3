import { InvalidArgumentError } from 'commander';
import { decode32Bytes, importPublicKey } from '@blue-ledger/integrity';
import type { KeyObject } from 'node:crypto';
import * as fs from 'node:fs';

/**
 * Option parsers for commander: a value that does not parse is bad usage, which commander
 * reports on stderr and `ledger` answers with exit code 2.
 */
export function sizeArgument(value: string): bigint {
  if (!/^(0|[1-9][0-9]{0,18})$/.test(value.trim())) {
    throw new InvalidArgumentError('a non-negative integer is needed.');
  }
  return BigInt(value.trim());
}

/** A SHA-256 hash in hex or base64. */
export function hashArgument(value: string): Buffer {
  try {
    return decode32Bytes(value);
  } catch {
    throw new InvalidArgumentError('a 32-byte hash in hex or base64 is needed.');
  }
}

/** Hashes separated by commas; the empty string is the empty proof. */
export function proofArgument(value: string): Buffer[] {
  if (value.trim() === '') return [];
  return value.split(',').map((hash, i) => {
    try {
      return decode32Bytes(hash);
    } catch {
      throw new InvalidArgumentError(`element ${i} is not a 32-byte hash in hex or base64.`);
    }
  });
}

/** A PEM file, or the key itself: PEM text, or its 32 raw bytes in base64 or hex. */
export function publicKeyArgument(value: string): KeyObject {
  const text = fs.existsSync(value) ? fs.readFileSync(value, 'utf8') : value;
  try {
    return importPublicKey(text.trim());
  } catch {
    throw new InvalidArgumentError(
      'an Ed25519 public key is needed: a PEM file, or the raw key in base64 or hex.',
    );
  }
}
