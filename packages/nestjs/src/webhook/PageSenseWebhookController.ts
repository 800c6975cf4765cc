import {
  Controller,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  NotFoundException,
  Req,
} from "@nestjs/common";
import type { WebhookResponse } from "@pagesense/core";
import type { WebhookHandler } from "@pagesense/node/http";
import type { PageSenseHttpRequest } from "../options";
import { rawRequest } from "../request/exchange";
import { PAGESENSE_WEBHOOK_HANDLER } from "../tokens";

/**
 * The endpoint PageSense calls when an experiment is relaunched. Its route (`POST webhook.path`)
 * exists only when the module's `webhook` option is set (see `configureWebhookRoute`). Answers
 * 200 when the settings refresh was triggered, 401 for a wrong `X-OAuth-Token`, 400 for a bad
 * body, 413 for a body over 64 KB, 503 when the refresh failed (PageSense retries).
 */
@Controller()
export class PageSenseWebhookController {
  constructor(
    @Inject(PAGESENSE_WEBHOOK_HANDLER) private readonly handleWebhook: WebhookHandler | null,
  ) {}

  /** Handles one webhook call (route attached at start-up). */
  @HttpCode(HttpStatus.OK)
  async handle(@Req() request: PageSenseHttpRequest): Promise<WebhookResponse> {
    // Without a webhook the route is not registered; this only guards a direct call.
    if (this.handleWebhook === null) throw new NotFoundException();
    const result = await this.handleWebhook({ req: rawRequest(request), parsedBody: request.body });
    if (result.status !== HttpStatus.OK) throw new HttpException(result, result.status);
    return result;
  }
}
