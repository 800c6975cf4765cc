import { Inject, Injectable, type PipeTransform } from "@nestjs/common";
import type { UserContext } from "@pagesense/core";
import { PageSenseService } from "../PageSenseService";
import { type HandlerHttp, HandlerHttpParam } from "./httpExchange";

/** Resolves a handler's request to its PageSense user (internal; used by `@PageSenseUser()`). */
@Injectable()
export class PageSenseUserPipe implements PipeTransform<HandlerHttp, Promise<UserContext>> {
  constructor(@Inject(PageSenseService) private readonly pagesense: PageSenseService) {}

  transform(value: HandlerHttp): Promise<UserContext> {
    return this.pagesense.forRequest(value.request, value.response);
  }
}

/**
 * Route handler parameter: the request's PageSense user (a `UserContext`), from the module's
 * `userId` callback or the visitor cookie (issued on the response when new), with `Browser`, `OS`
 * and `Device` attributes from the User-Agent.
 *
 * @example
 * @Get("pricing")
 * async pricing(@PageSenseUser() user: UserContext) {
 *   return { variation: await user.activateExperiment("PricingTest") };
 * }
 */
export function PageSenseUser(): ParameterDecorator {
  return HandlerHttpParam(undefined, PageSenseUserPipe);
}
