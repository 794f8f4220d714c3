/** The answer of every verifier in this library: a failure says why, never throws. */
export type Verification = { ok: true } | { ok: false; reason: string };

export const verified: Verification = Object.freeze({ ok: true });

export function rejected(reason: string): Verification {
  return { ok: false, reason };
}
