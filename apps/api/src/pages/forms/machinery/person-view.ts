import { ERASED, REDACTED, UNREADABLE, type SubjectView } from '@blue-ledger/access';

/**
 * A person a record names, as the reader may see them: the name recorded (or, wanting one,
 * the other details) to a reader with need-to-know, who was shown them through the access
 * view, which logs the read; otherwise what became of the details, never the details. The
 * subject id follows as a reference, for the case file and the JSON API.
 */
export function personOf(subjectId: string, view: SubjectView | undefined): string {
  return `${shownAs(view)} (subject id ${subjectId})`;
}

function shownAs(view: SubjectView | undefined): string {
  if (view === undefined) return 'no personal details recorded';
  if (view === REDACTED) return 'personal details withheld from your role';
  if (view === ERASED) return 'personal details erased';
  if (view === UNREADABLE) return 'personal details unreadable: the record was altered';
  const name = view.name?.trim();
  if (name) return name;
  const other = Object.values(view)
    .map((value) => value.trim())
    .filter((value) => value !== '');
  return other.length > 0 ? other.join('; ') : 'no personal details recorded';
}
