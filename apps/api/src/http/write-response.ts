import { ApiProperty } from '@nestjs/swagger';
import type { CommandResult } from '@blue-ledger/command-handling';

/** What every command answers: the id it concerns, its stream, the new revision and position. */
export class WriteResponse {
  @ApiProperty({ description: 'Id of the created or changed thing (incident, finding, ...)' })
  id!: string;
  @ApiProperty({ example: 'incident-0190d5a4-...' })
  streamId!: string;
  @ApiProperty({ description: 'Revision of the stream after the write (use it in If-Match)' })
  revision!: number;
  @ApiProperty({ description: 'Global position of the last appended event' })
  position!: number;
}

export function writeResponse(id: string, result: CommandResult): WriteResponse {
  return {
    id,
    streamId: result.streamId,
    revision: Number(result.revision),
    position: Number(result.position),
  };
}

/** A validated DTO as plain JSON data (no class instances, no undefined fields) for event data. */
export function plain<T>(dto: T): T {
  return JSON.parse(JSON.stringify(dto)) as T;
}
