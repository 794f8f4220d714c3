import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadOrCreateKeyPair, NOTARY_PRIVATE_KEY_FILE, NOTARY_PUBLIC_KEY_FILE } from './notary-key';
import { exportPublicKeyRaw, importPublicKey } from './public-key';
import { signTreeHead, verifyTreeHead } from './tree-head';

describe('loadOrCreateKeyPair', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('in an empty data directory', () => {
    it('creates an Ed25519 pair: the private key readable by its owner only', () => {
      const pair = loadOrCreateKeyPair(dir);
      expect(pair.created).toBe(true);
      expect(pair.privateKey.asymmetricKeyType).toBe('ed25519');
      const privateFile = path.join(dir, NOTARY_PRIVATE_KEY_FILE);
      expect(fs.statSync(privateFile).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(privateFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      expect(fs.readdirSync(dir).sort()).toEqual([NOTARY_PRIVATE_KEY_FILE, NOTARY_PUBLIC_KEY_FILE]);
    });

    it('writes the public key as PEM that an auditor can verify heads with', () => {
      const pair = loadOrCreateKeyPair(dir);
      const pem = fs.readFileSync(path.join(dir, NOTARY_PUBLIC_KEY_FILE), 'utf8');
      const head = signTreeHead(
        { treeSize: 0n, rootHash: '00'.repeat(32), timestamp: '2026-11-22T10:00:00Z' },
        pair.privateKey,
      );
      expect(verifyTreeHead(head, pem)).toEqual({ ok: true });
    });

    it('creates the directory when it does not exist yet', () => {
      const nested = path.join(dir, 'data', 'notary');
      expect(loadOrCreateKeyPair(nested).created).toBe(true);
      expect(fs.existsSync(path.join(nested, NOTARY_PRIVATE_KEY_FILE))).toBe(true);
    });
  });

  describe('when the pair exists', () => {
    it('loads the same key instead of making a new one', () => {
      const first = loadOrCreateKeyPair(dir);
      const second = loadOrCreateKeyPair(dir);
      expect(second.created).toBe(false);
      expect(exportPublicKeyRaw(second.publicKey)).toBe(exportPublicKeyRaw(first.publicKey));
    });

    it('writes the public key again when only it was lost', () => {
      const first = loadOrCreateKeyPair(dir);
      fs.unlinkSync(path.join(dir, NOTARY_PUBLIC_KEY_FILE));
      loadOrCreateKeyPair(dir);
      const pem = fs.readFileSync(path.join(dir, NOTARY_PUBLIC_KEY_FILE), 'utf8');
      expect(exportPublicKeyRaw(importPublicKey(pem))).toBe(exportPublicKeyRaw(first.publicKey));
    });

    it('refuses to make a new pair when the private key is gone but the public key is not', () => {
      loadOrCreateKeyPair(dir);
      fs.unlinkSync(path.join(dir, NOTARY_PRIVATE_KEY_FILE));
      expect(() => loadOrCreateKeyPair(dir)).toThrow(/private key/);
    });

    it('refuses a public key that is not the half of the private key', () => {
      loadOrCreateKeyPair(dir);
      const other = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
      try {
        loadOrCreateKeyPair(other);
        fs.copyFileSync(
          path.join(other, NOTARY_PUBLIC_KEY_FILE),
          path.join(dir, NOTARY_PUBLIC_KEY_FILE),
        );
        expect(() => loadOrCreateKeyPair(dir)).toThrow(/not the public half/);
      } finally {
        fs.rmSync(other, { recursive: true, force: true });
      }
    });
  });
});
