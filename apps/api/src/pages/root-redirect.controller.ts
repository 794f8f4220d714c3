import { Controller, Get, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

/** `/`: a person opening the ledger in a browser lands on its pages. */
@Controller()
@ApiExcludeController()
export class RootRedirectController {
  @Get()
  @Redirect('/ui', 302)
  root(): void {}
}
