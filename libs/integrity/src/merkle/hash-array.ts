import { HASH_BYTES } from '../hash-encoding';

/** A growable array of 32-byte hashes in one buffer: a million of them cost 32 MB, not 100. */
export class HashArray {
  private bytes = Buffer.alloc(HASH_BYTES * 64);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(hash: Uint8Array): void {
    if (hash.length !== HASH_BYTES) throw new TypeError(`a hash has ${HASH_BYTES} bytes`);
    if ((this.count + 1) * HASH_BYTES > this.bytes.length) {
      const grown = Buffer.alloc(this.bytes.length * 2);
      this.bytes.copy(grown, 0, 0, this.count * HASH_BYTES);
      this.bytes = grown;
    }
    this.bytes.set(hash, this.count * HASH_BYTES);
    this.count += 1;
  }

  /** Empties the array, keeping its buffer. */
  clear(): void {
    this.count = 0;
  }

  /** A view into the array: callers inside the tree never write to it. */
  at(index: number): Buffer {
    if (index < 0 || index >= this.count) throw new RangeError(`no hash at ${index}`);
    return this.bytes.subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES);
  }
}
