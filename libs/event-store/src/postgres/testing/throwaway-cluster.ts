import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The script CI uses: initdb in a temporary folder, loopback on a free port. */
const SCRIPT = path.resolve(__dirname, '../../../../../.ci/postgres.sh');

/** Whether PostgreSQL's initdb and pg_ctl are installed here. */
export const canRunACluster = (): boolean =>
  spawnSync('bash', [SCRIPT, 'available'], { stdio: 'ignore' }).status === 0;

/**
 * A PostgreSQL cluster of one test file's own, which it may crash and start again without
 * disturbing the tests that run meanwhile against DATABASE_URL.
 */
export class ThrowawayCluster {
  private constructor(
    readonly url: string,
    readonly dir: string,
  ) {}

  static async start(): Promise<ThrowawayCluster> {
    const { stdout } = await run('bash', [SCRIPT, 'start']);
    const value = (name: string) => {
      const match = new RegExp(`^export ${name}=(.+)$`, 'm').exec(stdout);
      if (!match) throw new Error(`postgres.sh start printed no ${name}: ${stdout}`);
      return match[1];
    };
    return new ThrowawayCluster(value('DATABASE_URL'), value('PG_TEST_DIR'));
  }

  /** `pg_ctl stop -m immediate`: the server dies without a shutdown checkpoint, as in a crash. */
  async crash(): Promise<void> {
    await run('bash', [SCRIPT, 'crash', this.dir]);
  }

  /** Starts it again on the same port; it recovers from its WAL first. */
  async resume(): Promise<void> {
    await run('bash', [SCRIPT, 'resume', this.dir]);
  }

  async stop(): Promise<void> {
    await run('bash', [SCRIPT, 'stop', this.dir]);
  }
}
