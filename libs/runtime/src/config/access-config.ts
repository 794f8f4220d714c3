import { parseKek, type OidcConfig } from '@blue-ledger/access';
import { z } from 'zod';

export interface RateLimitConfig {
  /** Requests per window for one principal; 0 turns the limit off. */
  perPrincipal: number;
  /** Requests per window from one address without valid credentials. */
  perAddress: number;
  windowSeconds: number;
}

export interface AccessConfig {
  oidc?: OidcConfig;
  rateLimit: RateLimitConfig;
  /** LEDGER_KEK: wraps the subjects' keys; without it, the data directory's `kek` file does. */
  keyEncryptionKey?: Buffer;
}

const count = z.coerce.number().int().min(0);

export const accessEnvSchema = z
  .object({
    LEDGER_OIDC_ISSUER: z.string().url().optional(),
    LEDGER_OIDC_JWKS_URL: z.string().url().optional(),
    LEDGER_OIDC_ROLES_CLAIM: z.string().min(1).default('roles'),
    LEDGER_OIDC_COUNTRY_CLAIM: z.string().min(1).default('country'),
    LEDGER_OIDC_AUDIENCE: z.string().min(1).optional(),
    LEDGER_RATE_LIMIT: count.default(6000),
    LEDGER_RATE_LIMIT_ANONYMOUS: count.default(600),
    LEDGER_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    LEDGER_KEK: z
      .string()
      .refine((text) => parseKek(text) !== undefined, 'must be 32 bytes in base64')
      .optional(),
  })
  .refine((env) => !env.LEDGER_OIDC_ISSUER === !env.LEDGER_OIDC_JWKS_URL, {
    message: 'LEDGER_OIDC_ISSUER and LEDGER_OIDC_JWKS_URL go together',
    path: ['LEDGER_OIDC_JWKS_URL'],
  });

/** The access settings of a parsed environment; OIDC needs both the issuer and the JWKS URL. */
export function accessConfigOf(env: z.infer<typeof accessEnvSchema>): AccessConfig {
  const oidc =
    env.LEDGER_OIDC_ISSUER && env.LEDGER_OIDC_JWKS_URL
      ? {
          issuer: env.LEDGER_OIDC_ISSUER,
          jwksUrl: env.LEDGER_OIDC_JWKS_URL,
          rolesClaim: env.LEDGER_OIDC_ROLES_CLAIM,
          countryClaim: env.LEDGER_OIDC_COUNTRY_CLAIM,
          ...(env.LEDGER_OIDC_AUDIENCE && { audience: env.LEDGER_OIDC_AUDIENCE }),
        }
      : undefined;
  const keyEncryptionKey = env.LEDGER_KEK === undefined ? undefined : parseKek(env.LEDGER_KEK);
  return {
    ...(oidc && { oidc }),
    ...(keyEncryptionKey && { keyEncryptionKey }),
    rateLimit: {
      perPrincipal: env.LEDGER_RATE_LIMIT,
      perAddress: env.LEDGER_RATE_LIMIT_ANONYMOUS,
      windowSeconds: env.LEDGER_RATE_LIMIT_WINDOW_SECONDS,
    },
  };
}

export const ACCESS_CONFIG = Symbol('ACCESS_CONFIG');

export const DEFAULT_ACCESS_CONFIG: AccessConfig = accessConfigOf(accessEnvSchema.parse({}));
