import { Inject } from "@nestjs/common";
import { PAGESENSE_CLIENT } from "../tokens";

/**
 * Injects the raw `PageSenseClient` (for `on()` listeners, `getSettings()`, ...).
 *
 * @example
 * constructor(@InjectPageSenseClient() private readonly client: PageSenseClient) {}
 */
export function InjectPageSenseClient(): PropertyDecorator & ParameterDecorator {
  return Inject(PAGESENSE_CLIENT);
}
