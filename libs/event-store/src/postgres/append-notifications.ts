import { Client } from 'pg';
import type { AppendSignal } from '../append-signal';
import { cancellableDelay, reconnectDelayMs } from '../reconnect-backoff';
import { connectionConfig, type ConnectionSettings } from './connection';
import { APPENDED_CHANNEL } from './event-schema';

/**
 * Wakes the store's live subscriptions when any process appends to this schema: one
 * connection per store LISTENs on the channel that the events table's trigger NOTIFYs on
 * commit. A notification can be lost (the connection dropped, the server restarted): when the
 * connection comes back the subscriptions are woken once to look for what they missed, and
 * in between they still poll (see `CatchUpSubscription`). Started by the first subscription.
 */
export class AppendNotifications {
  private client: Client | undefined;
  private running = false;
  private connecting: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  /** Why the connection last failed; kept for diagnosis. */
  lastError: unknown;
  /** Times the listening connection was (re)established. */
  connections = 0;

  constructor(
    private readonly settings: ConnectionSettings,
    private readonly schema: string,
    private readonly signal: AppendSignal,
  ) {}

  /** Whether a LISTEN connection is up right now. */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /** The server process of the LISTEN connection, when up (for tests and diagnosis). */
  get backendPid(): number | undefined {
    return (this.client as { processID?: number } | undefined)?.processID;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connecting = this.keepListening();
  }

  async close(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
    await this.connecting;
  }

  private async keepListening(): Promise<void> {
    for (let failures = 0; this.running;) {
      try {
        const { lost } = await this.listenOnce();
        failures = 0;
        await lost;
      } catch (error) {
        this.lastError = error;
        failures++;
      }
      this.client = undefined;
      if (!this.running) return;
      await cancellableDelay(reconnectDelayMs(failures), (wake) => (this.wakeUp = wake));
    }
  }

  /** Connects and LISTENs; `lost` settles when the connection is gone. */
  private async listenOnce(): Promise<{ lost: Promise<void> }> {
    const client = new Client(connectionConfig(this.settings));
    const lost = new Promise<void>((resolve) => {
      client.on('error', (error) => {
        this.lastError = error;
        resolve();
      });
      client.on('end', () => resolve());
    });
    client.on('notification', ({ channel, payload }) => {
      if (channel === APPENDED_CHANNEL && payload === this.schema) this.signal.notify();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${APPENDED_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (!this.running) {
      await client.end().catch(() => undefined);
      return { lost: Promise.resolve() };
    }
    this.client = client;
    this.connections++;
    // Appends committed while no connection listened went unannounced: look now.
    this.signal.notify();
    return { lost: lost.then(() => client.end().catch(() => undefined)) };
  }
}
