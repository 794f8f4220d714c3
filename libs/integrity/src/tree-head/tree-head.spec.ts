import { generateKeyPairSync } from 'node:crypto';
import canonicalize from 'canonicalize';
import { exportPublicKeyPem, exportPublicKeyRaw, importPublicKey } from './public-key';
import { signTreeHead, treeHeadMessage, verifyTreeHead, type SignedTreeHead } from './tree-head';
import { signedTreeHeadFromJson, signedTreeHeadToJson } from './tree-head-json';
import { MerkleTree } from '../merkle/merkle-tree';

const notary = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');

const tree = new MerkleTree();
for (let i = 0; i < 11; i += 1) tree.append(Buffer.from(`event ${i}`));

const head = {
  treeSize: tree.size,
  rootHash: tree.root().toString('hex'),
  timestamp: '2026-11-22T10:00:00Z',
};

describe('signTreeHead', () => {
  const signed = signTreeHead(head, notary.privateKey);

  it('signs the canonical JSON of the head, the size as a decimal string', () => {
    expect(treeHeadMessage(head).toString('utf8')).toBe(
      canonicalize({ rootHash: head.rootHash, timestamp: head.timestamp, treeSize: '11' }),
    );
    expect(treeHeadMessage(head).toString('utf8')).toBe(
      `{"rootHash":"${head.rootHash}","timestamp":"2026-11-22T10:00:00Z","treeSize":"11"}`,
    );
  });

  it('returns the head with a 64-byte Ed25519 signature in base64', () => {
    expect(signed).toMatchObject(head);
    expect(Buffer.from(signed.signature, 'base64')).toHaveLength(64);
  });

  it('writes the root in lower-case hex whatever form it was given in', () => {
    const fromBytes = signTreeHead({ ...head, rootHash: tree.root() }, notary.privateKey);
    const fromBase64 = signTreeHead(
      { ...head, rootHash: tree.root().toString('base64') },
      notary.privateKey,
    );
    expect(fromBytes).toEqual(signed);
    expect(fromBase64).toEqual(signed);
  });

  it('refuses a negative size, a timestamp that is not a date and a key that is not Ed25519', () => {
    expect(() => signTreeHead({ ...head, treeSize: -1n }, notary.privateKey)).toThrow(RangeError);
    expect(() => signTreeHead({ ...head, timestamp: 'yesterday' }, notary.privateKey)).toThrow();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => signTreeHead(head, rsa.privateKey)).toThrow(TypeError);
  });
});

describe('verifyTreeHead', () => {
  const signed = signTreeHead(head, notary.privateKey);

  it('accepts the head with the public key as a KeyObject, PEM or raw base64', () => {
    expect(verifyTreeHead(signed, notary.publicKey)).toEqual({ ok: true });
    expect(verifyTreeHead(signed, exportPublicKeyPem(notary.publicKey))).toEqual({ ok: true });
    expect(verifyTreeHead(signed, exportPublicKeyRaw(notary.publicKey))).toEqual({ ok: true });
  });

  describe('rejects a head that was tampered with', () => {
    const flipLastHex = (hex: string) => `${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}`;
    const tampered: Array<[string, SignedTreeHead]> = [
      ['a smaller size (a truncated log)', { ...signed, treeSize: signed.treeSize - 1n }],
      ['a larger size', { ...signed, treeSize: signed.treeSize + 1n }],
      ['another root', { ...signed, rootHash: flipLastHex(signed.rootHash) }],
      ['an earlier root', { ...signed, rootHash: tree.root(10n).toString('hex') }],
      ['another timestamp', { ...signed, timestamp: '2026-11-22T10:00:01Z' }],
      [
        'a changed signature',
        {
          ...signed,
          signature: (() => {
            const bytes = Buffer.from(signed.signature, 'base64');
            bytes[10] ^= 0x01;
            return bytes.toString('base64');
          })(),
        },
      ],
      ['a truncated signature', { ...signed, signature: signed.signature.slice(0, 40) }],
      ['no signature', { ...signed, signature: '' }],
      ['a root that is not a hash', { ...signed, rootHash: 'not a hash' }],
    ];
    it.each(tampered)('%s', (_what, forged) => {
      expect(verifyTreeHead(forged, notary.publicKey)).toMatchObject({ ok: false });
    });

    it('and a head signed by another key', () => {
      const forged = signTreeHead(head, stranger.privateKey);
      expect(verifyTreeHead(forged, notary.publicKey)).toEqual({
        ok: false,
        reason: 'the signature does not match the tree head and key',
      });
    });
  });
});

describe('public keys', () => {
  it('export as PEM and as 32 raw bytes, and import back from either', () => {
    const pem = exportPublicKeyPem(notary.publicKey);
    const raw = exportPublicKeyRaw(notary.publicKey);
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(Buffer.from(raw, 'base64')).toHaveLength(32);
    expect(exportPublicKeyRaw(importPublicKey(pem))).toBe(raw);
    expect(exportPublicKeyPem(importPublicKey(raw))).toBe(pem);
    expect(exportPublicKeyRaw(importPublicKey(Buffer.from(raw, 'base64').toString('hex')))).toBe(
      raw,
    );
    expect(exportPublicKeyRaw(importPublicKey(notary.privateKey))).toBe(raw);
  });
});

describe('the JSON form of a signed tree head', () => {
  const signed = signTreeHead(head, notary.privateKey);

  it('carries the size as a decimal string and reads back to a head that still verifies', () => {
    const json = JSON.parse(JSON.stringify(signedTreeHeadToJson(signed)));
    expect(json.treeSize).toBe('11');
    const read = signedTreeHeadFromJson(json);
    expect(read).toEqual(signed);
    expect(verifyTreeHead(read, notary.publicKey)).toEqual({ ok: true });
  });

  it.each([
    ['not an object', 'head'],
    ['a numeric size', { ...signedTreeHeadToJson(signed), treeSize: 11 }],
    ['a size with a sign', { ...signedTreeHeadToJson(signed), treeSize: '-11' }],
    ['a size with leading zeros', { ...signedTreeHeadToJson(signed), treeSize: '011' }],
    ['no signature', { ...signedTreeHeadToJson(signed), signature: undefined }],
  ])('refuses %s', (_what, value) => {
    expect(() => signedTreeHeadFromJson(value)).toThrow(TypeError);
  });
});
