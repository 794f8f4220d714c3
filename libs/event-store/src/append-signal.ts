/**
 * Tells live subscriptions in this process that an append committed. The version lets a
 * waiter notice an append that landed between its last read and the start of its wait.
 */
export class AppendSignal {
  private appends = 0;
  private readonly listeners = new Set<() => void>();

  get version(): number {
    return this.appends;
  }

  notify(): void {
    this.appends++;
    for (const listener of [...this.listeners]) listener();
  }

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
