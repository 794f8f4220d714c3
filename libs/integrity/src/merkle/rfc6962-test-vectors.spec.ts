import { EMPTY_ROOT, hashChildren, hashLeaf } from './merkle-hashing';
import { MerkleTree } from './merkle-tree';
import { verifyConsistency } from './verify-consistency';
import { verifyInclusion } from './verify-inclusion';

/**
 * Published RFC 6962 / RFC 9162 test data, the reference Certificate Transparency vectors:
 * - transparency-dev/merkle `proof/verify_test.go` (commit 02194e9afb6c1d95b5381350007963aa70fff472):
 *   `leaves`, `roots`, `inclusionProofs` (leaf numbers there are 1-based) and `consistencyProofs`;
 * - transparency-dev/merkle `rfc6962/rfc6962_test.go` (commit 78493b07ef9b552e3379abf9e23d4da26fbe797c):
 *   the hasher vectors.
 */
const leaves = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => Buffer.from(hex, 'hex'));

const roots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** [leaf index (0-based here), tree size, proof]. */
const inclusionProofs: Array<[number, number, string[]]> = [
  [0, 1, []],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];

/** [size1, size2, proof]. */
const consistencyProofs: Array<[number, number, string[]]> = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

const hex = (hashes: Buffer[]) => hashes.map((hash) => hash.toString('hex'));
const bytes = (hashes: string[]) => hashes.map((hash) => Buffer.from(hash, 'hex'));

describe('the RFC 6962 reference vectors', () => {
  const tree = new MerkleTree();
  for (const leaf of leaves) tree.append(leaf);

  describe('hashing', () => {
    it('gives the empty tree the SHA-256 of nothing', () => {
      expect(EMPTY_ROOT.toString('hex')).toBe(
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      );
      expect(new MerkleTree().root().equals(EMPTY_ROOT)).toBe(true);
    });

    it('hashes an empty leaf differently from the empty tree', () => {
      expect(hashLeaf(Buffer.alloc(0)).toString('hex')).toBe(
        '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      );
    });

    it('prefixes a leaf with 0x00', () => {
      expect(hashLeaf(Buffer.from('L123456')).toString('hex')).toBe(
        '395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56',
      );
    });

    it('prefixes a node with 0x01', () => {
      expect(hashChildren(Buffer.from('N123'), Buffer.from('N456')).toString('hex')).toBe(
        'aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb',
      );
    });
  });

  it.each(roots.map((root, i) => [i + 1, root] as const))(
    'gives the published root for size %i',
    (size, root) => {
      expect(tree.root(BigInt(size)).toString('hex')).toBe(root);
    },
  );

  it.each(inclusionProofs)(
    'builds and verifies the published inclusion proof of leaf %i in a tree of %i',
    (index, size, proof) => {
      expect(hex(tree.inclusionProof(BigInt(index), BigInt(size)))).toEqual(proof);
      const root = Buffer.from(roots[size - 1], 'hex');
      const leafHash = hashLeaf(leaves[index]);
      const verdict = verifyInclusion(leafHash, BigInt(index), BigInt(size), bytes(proof), root);
      expect(verdict).toEqual({ ok: true });
    },
  );

  it.each(consistencyProofs)(
    'builds and verifies the published consistency proof from size %i to %i',
    (size1, size2, proof) => {
      expect(hex(tree.consistencyProof(BigInt(size1), BigInt(size2)))).toEqual(proof);
      const root1 = Buffer.from(roots[size1 - 1], 'hex');
      const root2 = Buffer.from(roots[size2 - 1], 'hex');
      const verdict = verifyConsistency(BigInt(size1), BigInt(size2), bytes(proof), root1, root2);
      expect(verdict).toEqual({ ok: true });
    },
  );
});
