import type { LedgerClient } from './http-client';

/**
 * Waits until the read models the ledger at `client` reads from have applied everything up to
 * `position` (its `/health`'s `readModels.position`), as a client that must read its own
 * writes does; throws when they stay behind for `timeoutMs`.
 */
export async function readModelsAt(
  client: LedgerClient,
  position: number,
  { timeoutMs = 30_000, pollMs = 50 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await client.get<{ readModels?: { position: number | null } }>('/health');
    const reached = health.body.readModels?.position ?? null;
    if (reached !== null && reached >= position) return;
    if (Date.now() > deadline) {
      throw new Error(
        `the read models stayed at ${reached}, behind ${position}: ${JSON.stringify(health.body)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
