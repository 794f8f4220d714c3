import { randomBytes } from 'node:crypto';

const PREFIX = 'bl_';
const TOKEN = /^bl_([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

/**
 * A token the ledger issues: `bl_<token id>.<secret>`. The id finds the one stored hash to
 * check; only the secret's salted hash is kept.
 */
export interface IssuedToken {
  tokenId: string;
  secret: string;
  token: string;
}

export function issueToken(): IssuedToken {
  const tokenId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { tokenId, secret, token: `${PREFIX}${tokenId}.${secret}` };
}

export function parseToken(token: string): { tokenId: string; secret: string } | undefined {
  const match = TOKEN.exec(token);
  return match ? { tokenId: match[1], secret: match[2] } : undefined;
}

/** Three base64url parts: a JSON Web Token, to be checked against the identity provider. */
export const looksLikeJwt = (token: string): boolean =>
  /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
