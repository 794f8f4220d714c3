import { issueToken, looksLikeJwt, parseToken } from './principal-token';
import { hashSecret, verifySecret } from './secret-hash';

describe('Principal tokens', () => {
  it('parse back to the id and secret they were issued with', () => {
    const issued = issueToken();
    expect(parseToken(issued.token)).toEqual({ tokenId: issued.tokenId, secret: issued.secret });
    expect(looksLikeJwt(issued.token)).toBe(false);
  });

  it('are refused when malformed', () => {
    for (const bad of ['', 'bl_', 'bl_zz.abc', 'admin-token-0123456789', 'a.b.c']) {
      expect(parseToken(bad)).toBeUndefined();
    }
  });

  describe('secret hashes', () => {
    const hash = hashSecret('the secret');

    it('are salted: the same secret hashes differently twice', () => {
      expect(hashSecret('the secret')).not.toBe(hash);
      expect(hash).not.toContain('the secret');
    });

    it('verify the secret and nothing else', () => {
      expect(verifySecret('the secret', hash)).toBe(true);
      expect(verifySecret('the secreT', hash)).toBe(false);
      expect(verifySecret('the secret', 'md5$x')).toBe(false);
    });
  });
});
