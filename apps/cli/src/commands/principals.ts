import { ROLES, type Role } from '@blue-ledger/domain';
import { Command, InvalidArgumentError } from 'commander';
import { PRINCIPAL_ID, type PrincipalStore } from '@blue-ledger/access';
import {
  connectLedgerStorage,
  loadConfig,
  openPrincipalStore,
  type LedgerConfig,
} from '@blue-ledger/runtime';
import { v7 as uuidv7 } from 'uuid';

const role = (value: string, previous: Role[] = []): Role[] => {
  if (!(ROLES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`one of ${ROLES.join(', ')}`);
  }
  return [...previous, value as Role];
};

async function withStore<T>(
  action: (store: PrincipalStore, config: LedgerConfig) => T | Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const storage = await connectLedgerStorage(config);
  try {
    return await action(await openPrincipalStore(storage), config);
  } finally {
    await storage.close();
  }
}

const configuredIds = (config: LedgerConfig) =>
  new Set([...(config.principals ?? []).map((p) => p.id), 'admin']);

/**
 * `ledger principals create|list|revoke`: the principal store, offline, in the data directory.
 * A token is printed once, at creation; the store keeps only its salted hash.
 */
export function registerPrincipals(program: Command): void {
  const principals = program
    .command('principals')
    .description('Manage the principals of the store (tokens are shown once)');

  principals
    .command('create')
    .description('Create a principal and print its token, this once')
    .requiredOption('-n, --name <name>', 'who it is, e.g. "Permanent Mission of Kenya"')
    .requiredOption('-r, --role <role>', `a role (repeatable): ${ROLES.join(', ')}`, role)
    .option('-c, --country <code>', 'ISO 3166-1 alpha-3; required for a tcc_liaison')
    .option('--id <id>', 'its id (default: a new UUID)')
    .action(
      async (
        options: { name: string; role: Role[]; country?: string; id?: string },
        command: Command,
      ) => {
        const id = options.id ?? uuidv7();
        if (!PRINCIPAL_ID.test(id))
          command.error('error: --id must be [A-Za-z0-9._-]{1,100}', { exitCode: 2 });
        if (options.country !== undefined && !/^[A-Z]{3}$/.test(options.country)) {
          command.error('error: --country must be an ISO 3166-1 alpha-3 code', { exitCode: 2 });
        }
        if (options.role.includes('tcc_liaison') && !options.country) {
          command.error('error: a tcc_liaison needs --country', { exitCode: 2 });
        }
        const created = await withStore(async (store, config) => {
          if (configuredIds(config).has(id) || (await store.exists(id))) return undefined;
          return store.create(
            {
              id,
              name: options.name,
              roles: [...new Set(options.role)],
              ...(options.country && { country: options.country }),
            },
            'cli',
          );
        });
        if (!created) command.error(`error: a principal ${id} exists already`, { exitCode: 1 });
        console.log(`created principal ${id} (${created!.principal.roles.join(', ')})`);
        console.log(`token (shown once, keep it safe): ${created!.token}`);
      },
    );

  principals
    .command('list')
    .description('List the principals of the store and their tokens (ids only)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const list = await withStore((store) => store.list());
      if (options.json) return console.log(JSON.stringify(list, null, 2));
      for (const p of list) {
        const live = p.tokens.filter((t) => t.revokedAt === null).length;
        console.log(
          `${p.id}\t${p.name}\t${p.roles.join(',')}${p.country ? `\t${p.country}` : ''}\t${live} live token(s)`,
        );
      }
    });

  principals
    .command('revoke')
    .description('Revoke every token of a principal of the store, at once')
    .argument('<id>', 'the principal id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const revoked = await withStore(async (store) =>
        (await store.exists(id)) ? store.revokeTokens(id) : null,
      );
      if (revoked === null)
        command.error(`error: no principal ${id} in the store`, { exitCode: 1 });
      console.log(`revoked ${revoked} token(s) of ${id}`);
    });
}
