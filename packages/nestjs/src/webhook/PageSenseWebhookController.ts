import { Controller, HttpCode, HttpException, HttpStatus, Inject, Req } from "@nestjs/common";
import type { PageSenseClient, WebhookResponse } from "@pagesense/core";
import { handleWebhookCall } from "@pagesense/node";
import type { PageSenseHttpRequest, PageSenseModuleOptions } from "../options";
import { PAGESENSE_MODULE_OPTIONS } from "../PageSenseModuleDefinition";
import { rawRequest } from "../request/exchange";
import { PAGESENSE_CLIENT } from "../tokens";

/**
 * The endpoint PageSense calls when an experiment is relaunched. Its route (`POST webhook.path`)
 * exists only when the module's `webhook` option is set (see `configureWebhookRoute`). Answers
 * 200 when the settings refresh was triggered, 401 for a wrong `X-OAuth-Token`, 400 for a bad
 * body, 413 for a body over 64 KB, 503 when the refresh failed (PageSense retries).
 */
@Controller()
export class PageSenseWebhookController {
  constructor(
    @Inject(PAGESENSE_CLIENT) private readonly client: PageSenseClient,
    @Inject(PAGESENSE_MODULE_OPTIONS) private readonly options: PageSenseModuleOptions,
  ) {}

  /** Handles one webhook call (route attached at start-up). */
  @HttpCode(HttpStatus.OK)
  async handle(@Req() request: PageSenseHttpRequest): Promise<WebhookResponse> {
    const token = this.options.webhook?.token ?? "";
    const result = await handleWebhookCall(
      this.client,
      { req: rawRequest(request), parsedBody: request.body },
      token,
    );
    if (result.status !== HttpStatus.OK) throw new HttpException(result, result.status);
    return result;
  }
}
