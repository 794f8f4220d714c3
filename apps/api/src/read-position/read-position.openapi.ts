import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  ParameterObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { MIN_POSITION_HEADER, POSITION_HEADER } from './read-position';

const MIN_POSITION: ParameterObject = {
  name: MIN_POSITION_HEADER,
  in: 'header',
  required: false,
  description:
    'Read your writes across instances: the lowest position of the global order this answer ' +
    'must reflect, e.g. the `position` a write answered (through any instance), or the ' +
    `\`${POSITION_HEADER}\` of an earlier answer. The instance waits (up to LEDGER_READ_WAIT_MS, ` +
    'default 5 s) for its read models to apply it; past that, 503 `read_models_behind` with ' +
    'Retry-After. Not a whole number: 400 `validation_failed`; beyond the head of the store: ' +
    '400 `position_beyond_head` (nothing waits).',
  schema: { type: 'integer', format: 'int64', minimum: 0, example: 10725 },
};

const POSITION = {
  description:
    'The position of the global order every read model of this instance had applied when ' +
    `the answer was computed (send it as \`${MIN_POSITION_HEADER}\` to read no older state ` +
    'elsewhere); absent while they have applied no event, and on a 503 `read_models_behind`.',
  schema: { type: 'integer', format: 'int64' },
};

const BEHIND: ResponseObject = {
  description:
    `The read models of this instance had not applied \`${MIN_POSITION_HEADER}\` within ` +
    'LEDGER_READ_WAIT_MS: `read_models_behind`, with `minPosition` and `readModelsPosition`; ' +
    'ask again after Retry-After, or through another instance.',
  headers: { 'Retry-After': { description: 'Seconds', schema: { type: 'integer' } } },
};

/**
 * `Ledger-Min-Position` and `Ledger-Position` on every GET of the description, in one place,
 * as the ReadPositionInterceptor applies them to every GET.
 */
export function documentReadPosition(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    const get = item.get;
    if (!get) continue;
    get.parameters = [...(get.parameters ?? []), MIN_POSITION];
    for (const response of Object.values(get.responses)) {
      if (response === undefined || '$ref' in response) continue;
      response.headers = { ...response.headers, [POSITION_HEADER]: POSITION };
    }
    const own = get.responses['503'];
    get.responses['503'] =
      own === undefined || '$ref' in own
        ? BEHIND
        : {
            ...own,
            description: `${own.description} Or: ${BEHIND.description}`,
            headers: { ...own.headers, ...BEHIND.headers },
          };
  }
  return document;
}
