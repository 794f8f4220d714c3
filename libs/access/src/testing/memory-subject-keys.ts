import { newSubjectKey } from '../personal-data/personal-data-cipher';
import {
  SubjectErasedError,
  type SubjectErasure,
  type SubjectKeyStore,
} from '../personal-data/subject-key-store';

/** Subjects' keys in memory, for tests that need the port and not its storage. */
export class MemorySubjectKeys implements SubjectKeyStore {
  private readonly keys = new Map<string, Buffer>();
  private readonly erasures = new Map<string, SubjectErasure>();

  keyFor(subjectId: string): Buffer {
    if (this.erasures.has(subjectId)) throw new SubjectErasedError(subjectId);
    const key = this.keys.get(subjectId) ?? newSubjectKey();
    this.keys.set(subjectId, key);
    return key;
  }

  find(subjectId: string): Buffer | 'erased' | undefined {
    return this.erasures.has(subjectId) ? 'erased' : this.keys.get(subjectId);
  }

  erase(erasure: SubjectErasure): SubjectErasure {
    this.keys.delete(erasure.subjectId);
    this.erasures.set(erasure.subjectId, erasure);
    return erasure;
  }

  erasureOf(subjectId: string): SubjectErasure | undefined {
    return this.erasures.get(subjectId);
  }
}
