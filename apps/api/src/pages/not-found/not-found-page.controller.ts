import { Get, NotFoundException } from '@nestjs/common';
import { PageController } from '../rendering/page.decorator';

/** Any other address under /ui: a page saying so, in the layout (not the API's JSON 404). */
@PageController('')
export class NotFoundPageController {
  @Get('*path')
  notFound(): never {
    throw new NotFoundException();
  }
}
