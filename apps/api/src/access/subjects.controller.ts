import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { isRecordedSubjectId, SUBJECT_ID_RULE } from '@blue-ledger/access';
import type { CommandContext } from '@blue-ledger/command-handling';
import { Ctx } from '../http/command-context.decorator';
import { ProblemException } from '../problems/problem.exception';
import { ReasonDto } from '../shared-dto/reason.dto';
import { SubjectErasures } from './subject-erasures';

@ApiTags('access')
@ApiBearerAuth()
@Controller('subjects')
export class SubjectsController {
  constructor(private readonly erasures: SubjectErasures) {}

  @Post(':subjectId/erasure')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Erase a data subject: record SubjectErased (who, when, why) in the subject’s stream, then destroy its key, so every read, projection and export shows it erased; the events and their hashes stay',
  })
  erase(
    @Param('subjectId') subjectId: string,
    @Body() body: ReasonDto,
    @Ctx() context: CommandContext,
  ) {
    if (!isRecordedSubjectId(subjectId)) {
      throw new ProblemException(400, 'validation_failed', 'subjectId must be a subject id.', [
        { field: 'subjectId', reason: `must be ${SUBJECT_ID_RULE}` },
      ]);
    }
    return this.erasures.erase(subjectId, body.reason, context);
  }
}
