import {
  SUBJECT_ROLES,
  type PersonalData,
  type SubjectDetails,
  type SubjectReference,
  type SubjectRole,
} from '@blue-ledger/domain';
import { OneOf, SubjectDetailsField, SubjectId } from '../http/validators';

/** A person the record concerns: referred to by subject id; details kept apart for encryption. */
export class SubjectDto {
  @SubjectId()
  subjectId!: string;
  @OneOf(SUBJECT_ROLES)
  role!: SubjectRole;
  @SubjectDetailsField({ optional: true })
  details?: SubjectDetails;
}

/** Splits subjects into the references that event data carries and the separate personal field. */
export function splitSubjects(subjects: SubjectDto[] | undefined): {
  subjects: SubjectReference[];
  personal?: PersonalData;
} {
  const references = (subjects ?? []).map(({ subjectId, role }) => ({ subjectId, role }));
  const withDetails = (subjects ?? []).filter((s) => s.details);
  if (withDetails.length === 0) return { subjects: references };
  return {
    subjects: references,
    personal: Object.fromEntries(
      withDetails.map((s) => [s.subjectId, s.details as SubjectDetails]),
    ),
  };
}
