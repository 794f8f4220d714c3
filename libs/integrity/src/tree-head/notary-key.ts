import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportPublicKeyPem, exportPublicKeyRaw, requireEd25519 } from './public-key';

export const NOTARY_PRIVATE_KEY_FILE = 'notary-ed25519.key';
export const NOTARY_PUBLIC_KEY_FILE = 'notary-ed25519.pub';

export interface NotaryKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** True when this call generated the pair. */
  created: boolean;
}

/**
 * The notary's signing key in `dir`: loaded when it exists, generated on first use.
 * The private key is PKCS#8 PEM readable by its owner only (0600); the public key is SPKI PEM.
 * A public key without its private key is an error, never a reason to make a new pair: heads
 * already signed would stop verifying.
 */
export function loadOrCreateKeyPair(dir: string): NotaryKeyPair {
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const privatePath = path.join(dir, NOTARY_PRIVATE_KEY_FILE);
  const publicPath = path.join(dir, NOTARY_PUBLIC_KEY_FILE);

  let created = false;
  if (!fs.existsSync(privatePath)) {
    // Another process may have written both files in between: look for the private key again.
    if (fs.existsSync(publicPath) && !fs.existsSync(privatePath)) {
      throw new Error(`${publicPath} exists but its private key ${privatePath} does not`);
    }
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    created = writeOnce(privatePath, pem, 0o600);
  }

  const privateKey = requireEd25519(createPrivateKey(fs.readFileSync(privatePath)));
  const publicKey = createPublicKey(privateKey);
  if (!fs.existsSync(publicPath)) {
    // Owner only like everything in the data directory; the API serves it to whoever may read.
    writeOnce(publicPath, exportPublicKeyPem(publicKey), 0o600);
  } else {
    const stored = createPublicKey(fs.readFileSync(publicPath));
    if (exportPublicKeyRaw(stored) !== exportPublicKeyRaw(publicKey)) {
      throw new Error(`${publicPath} is not the public half of ${privatePath}`);
    }
  }
  return { privateKey, publicKey, created };
}

/**
 * Writes a whole file under `target` only if no file is there: written aside, then linked into
 * place, so a crash never leaves half a key and two starting processes never both win.
 * Returns false when another writer got there first.
 */
function writeOnce(target: string, content: string, mode: number): boolean {
  // Random: two containers starting at once may both be pid 1 in the same millisecond.
  const aside = `${target}.${process.pid}.${randomBytes(8).toString('hex')}.tmp`;
  fs.writeFileSync(aside, content, { mode, flag: 'wx' });
  try {
    fs.chmodSync(aside, mode);
    fs.linkSync(aside, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.unlinkSync(aside);
  }
}
