import { Client } from 'pg';

/**
 * The advisory lock `(lockClass, hashtext(key))` taken by hand on a connection of its own and
 * no heartbeat ever written: a holder stopped between taking the lock and its first beat, or an
 * instance of a version without leases. `end` lets go (its backend may have been ended already).
 */
export async function lockHeldByHand(
  url: string,
  lockClass: number,
  key: string,
): Promise<{ client: Client; pid: number; end(): Promise<void> }> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [lockClass, key]);
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return { client, pid: rows[0].pid, end: () => client.end().catch(() => undefined) };
}
