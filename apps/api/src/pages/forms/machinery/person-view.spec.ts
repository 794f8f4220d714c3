import { ERASED, REDACTED, UNREADABLE } from '@blue-ledger/access';
import { personOf } from './person-view';

describe('a person as the reader may see them', () => {
  it('is the name recorded, to a reader shown the details, the subject id as reference', () => {
    expect(personOf('nio-1', { name: 'Capt. A. Ould Bah', notes: 'liaison officer' })).toBe(
      'Capt. A. Ould Bah (subject id nio-1)',
    );
  });

  it('falls back on the other details when no name was recorded', () => {
    expect(personOf('nio-1', { rank: 'Captain', unit: 'MRT military police' })).toBe(
      'Captain; MRT military police (subject id nio-1)',
    );
  });

  it('says what became of the details, never the details, to anyone else', () => {
    expect(personOf('nio-1', REDACTED)).toBe(
      'personal details withheld from your role (subject id nio-1)',
    );
    expect(personOf('nio-1', ERASED)).toBe('personal details erased (subject id nio-1)');
    expect(personOf('nio-1', UNREADABLE)).toBe(
      'personal details unreadable: the record was altered (subject id nio-1)',
    );
    expect(personOf('nio-1', undefined)).toBe('no personal details recorded (subject id nio-1)');
    expect(personOf('nio-1', { name: '  ' })).toBe(
      'no personal details recorded (subject id nio-1)',
    );
  });
});
