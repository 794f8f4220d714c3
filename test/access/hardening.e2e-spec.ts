import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { startApp, type RunningApp } from '../support/in-process-app';

describe('Hardening', () => {
  describe('rate limits per principal', () => {
    let running: RunningApp;

    beforeAll(async () => {
      running = await startApp({ LEDGER_RATE_LIMIT: '5', LEDGER_RATE_LIMIT_ANONYMOUS: '3' });
    });
    afterAll(async () => {
      await running?.close();
    });

    it("answers 429 with Retry-After past a principal's limit, without touching another's", async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        statuses.push((await running.client.as('reviewer').get('/missions')).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const limited = await running.client.as('reviewer').get('/missions');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.body.type).toBe('urn:blue-ledger:problem:rate_limited');
      expect((await running.client.as('oversight').get('/missions')).status).toBe(200);
    });

    it('limits an address that sends no valid credentials', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (await running.client.withToken('bl_0000000000000000.' + 'a'.repeat(43)).get('/missions'))
            .status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    });
  });

  describe('answers', () => {
    let running: RunningApp;

    beforeAll(async () => {
      running = await startApp();
    });
    afterAll(async () => {
      await running?.close();
    });

    it('carry security headers', async () => {
      const response = await running.client.as('reviewer').get('/missions');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('strict-transport-security')).toContain('max-age');
      expect(response.headers.get('x-powered-by')).toBeNull();
    });

    it('refuse an oversized body with a problem that shows no internals', async () => {
      const response = await running.client
        .as('investigator')
        .postRaw('/incidents', JSON.stringify({ summary: 'x'.repeat(2_000_000) }));
      expect(response.status).toBe(413);
      expect(JSON.stringify(response.body)).not.toMatch(/node_modules|\.ts:|\.js:|Error:/);
    });

    it('never hand out a token twice: a replayable token request is refused', async () => {
      const response = await running.client
        .as('admin')
        .post('/principals', { name: 'R', roles: ['reviewer'] }, { 'idempotency-key': 'k-1' });
      expect(response.status).toBe(400);
      expect((await running.client.as('admin').get('/principals')).body.items).toHaveLength(8);
    });
  });

  describe('bearer JWTs from an identity provider', () => {
    let jwks: Server;
    let running: RunningApp;
    let sign: (claims: Record<string, unknown>, issuer?: string) => Promise<string>;
    const issuer = 'https://idp.example.test/realms/un';

    beforeAll(async () => {
      const { publicKey, privateKey } = await generateKeyPair('RS256');
      const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      jwks = createServer((_, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
      const { port } = jwks.address() as AddressInfo;
      running = await startApp({
        LEDGER_OIDC_ISSUER: issuer,
        LEDGER_OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
        LEDGER_OIDC_ROLES_CLAIM: 'realm_access.roles',
      });
      sign = (claims, iss = issuer) =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setIssuer(iss)
          .setSubject('jane')
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(privateKey);
    });
    afterAll(async () => {
      await running?.close();
      await new Promise((resolve) => jwks.close(resolve));
    });

    it('maps the roles claim onto the ledger’s roles, and acts as that principal', async () => {
      const token = await sign({
        realm_access: { roles: ['reviewer', 'offline_access'] },
        name: 'Jane',
      });
      const client = running.client.withToken(token);
      expect((await client.get('/missions')).status).toBe(200);
      expect(
        (await client.post('/missions', { code: 'UNMISS', name: 'U', hostCountry: 'SSD' })).status,
      ).toBe(403);
    });

    it('writes with the principal id of the token’s subject', async () => {
      const token = await sign({ realm_access: { roles: ['admin'] } });
      const created = await running.client
        .withToken(token)
        .create('/missions', { code: 'MINUSCA', name: 'MINUSCA', hostCountry: 'CAF' });
      const stream = await running.client.as('reviewer').get(`/streams/${created.streamId}`);
      expect(stream.body.events[0].actor).toEqual({ id: 'oidc:jane', role: 'admin' });
    });

    it('refuses a token of another issuer, with no ledger role, or a liaison without a country', async () => {
      for (const token of [
        await sign({ realm_access: { roles: ['admin'] } }, 'https://other.example.test'),
        await sign({ realm_access: { roles: ['offline_access'] } }),
        await sign({ realm_access: { roles: ['tcc_liaison'] } }),
      ]) {
        expect((await running.client.withToken(token).get('/missions')).status).toBe(401);
      }
    });
  });
});
