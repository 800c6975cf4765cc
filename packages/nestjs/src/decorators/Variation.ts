import { type ArgumentMetadata, Inject, Injectable, type PipeTransform } from "@nestjs/common";
import { PageSenseService } from "../PageSenseService";
import { type HandlerHttp, HandlerHttpParam } from "./httpExchange";

/** Activates an experiment for a handler's request (internal; used by `@Variation()`). */
@Injectable()
export class VariationPipe implements PipeTransform<HandlerHttp, Promise<string | null>> {
  constructor(@Inject(PageSenseService) private readonly pagesense: PageSenseService) {}

  async transform(value: HandlerHttp, metadata: ArgumentMetadata): Promise<string | null> {
    const user = await this.pagesense.forRequest(value.request, value.response);
    return user.activateExperiment(metadata.data as string);
  }
}

/**
 * Route handler parameter: the request user's variation name of `experimentName`, or `null`
 * (not in the experiment, or PageSense not ready). Activates the experiment: a visit is recorded
 * for the user, as with `activateExperiment`.
 *
 * @example
 * @Get("pricing")
 * pricing(@Variation("PricingTest") variation: string | null) {
 *   return variation === "Variation 1" ? newPricing() : oldPricing();
 * }
 */
export function Variation(experimentName: string): ParameterDecorator {
  return HandlerHttpParam(experimentName, VariationPipe);
}
