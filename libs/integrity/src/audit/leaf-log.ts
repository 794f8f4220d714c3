/**
 * The global position and stream of every leaf of the recomputed Merkle log, so that a root
 * that does not match can be traced back to the events it covers. Two typed arrays rather than
 * a million small objects.
 */
export class LeafLog {
  private positions = new BigUint64Array(1024);
  private streams = new Uint32Array(1024);
  private readonly streamIds: string[] = [];
  private readonly streamIndex = new Map<string, number>();
  private count = 0;

  get length(): number {
    return this.count;
  }

  get streamCount(): number {
    return this.streamIds.length;
  }

  push(position: bigint, streamId: string): void {
    if (this.count === this.positions.length) this.grow();
    let index = this.streamIndex.get(streamId);
    if (index === undefined) {
      index = this.streamIds.push(streamId) - 1;
      this.streamIndex.set(streamId, index);
    }
    this.positions[this.count] = position;
    this.streams[this.count] = index;
    this.count += 1;
  }

  /** The leaf's event, or null past the end. */
  at(leafIndex: bigint): { position: bigint; streamId: string } | null {
    if (leafIndex < 0n || leafIndex >= BigInt(this.count)) return null;
    const i = Number(leafIndex);
    return { position: this.positions[i], streamId: this.streamIds[this.streams[i]] };
  }

  private grow(): void {
    const positions = new BigUint64Array(this.positions.length * 2);
    positions.set(this.positions);
    const streams = new Uint32Array(this.streams.length * 2);
    streams.set(this.streams);
    this.positions = positions;
    this.streams = streams;
  }
}
