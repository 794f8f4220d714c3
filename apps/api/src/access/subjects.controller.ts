import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { isRecordedSubjectId, SUBJECT_ID_RULE, type SubjectKeyStore } from '@blue-ledger/access';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { ActingPrincipal } from '../auth/principal';
import { ProblemException } from '../problems/problem.exception';
import { ReasonDto } from '../shared-dto/reason.dto';
import { SUBJECT_KEYS } from './subject-keys.token';

@ApiTags('access')
@ApiBearerAuth()
@Controller('subjects')
export class SubjectsController {
  constructor(@Inject(SUBJECT_KEYS) private readonly keys: SubjectKeyStore) {}

  @Post(':subjectId/erasure')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Erase a data subject: destroy its key, so every read, projection and export shows it erased; the events and their hashes stay',
  })
  erase(
    @Param('subjectId') subjectId: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() admin: ActingPrincipal,
  ) {
    if (!isRecordedSubjectId(subjectId)) {
      throw new ProblemException(400, 'validation_failed', 'subjectId must be a subject id.', [
        { field: 'subjectId', reason: `must be ${SUBJECT_ID_RULE}` },
      ]);
    }
    const earlier = this.keys.erasureOf(subjectId);
    if (earlier) {
      throw new ProblemException(
        409,
        'subject_already_erased',
        `Subject ${subjectId} was erased on ${earlier.erasedAt}.`,
      );
    }
    return this.keys.erase({
      subjectId,
      erasedAt: new Date().toISOString(),
      erasedBy: admin.id,
      reason: body.reason,
    });
  }
}
