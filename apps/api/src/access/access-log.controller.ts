import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { PageQuery } from '../http/page';
import { LINE, Text } from '../http/validators';
import { ProblemException } from '../problems/problem.exception';
import { ACCESS_LOG, type AccessLog } from './access-log';

export class AccessLogQuery extends PageQuery {
  @Text(LINE, { optional: true, description: 'Only reads of this subject' })
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/)
  subject?: string;
  @Text(LINE, { optional: true, description: 'Only reads by this principal' })
  principal?: string;
}

@ApiTags('access')
@ApiBearerAuth()
@Controller('access-log')
export class AccessLogController {
  constructor(@Inject(ACCESS_LOG) private readonly log: AccessLog) {}

  @Get()
  @ApiOperation({
    summary:
      'Every read of personal details in clear: who, whose, in which event, by which request',
  })
  list(@Query() query: AccessLogQuery) {
    const { limit, after, subject, principal } = query;
    if (after !== undefined && !/^\d{1,15}$/.test(after)) {
      throw new ProblemException(400, 'validation_failed', 'after must be the `next` of a page.', [
        { field: 'after', reason: 'must be a cursor from `next`' },
      ]);
    }
    return this.log.list({
      subject,
      principal,
      after: after === undefined ? undefined : Number(after),
      limit: limit ?? 100,
    });
  }
}
