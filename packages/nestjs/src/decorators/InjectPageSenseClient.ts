import { Inject } from "@nestjs/common";
import { PAGESENSE_CLIENT } from "../tokens";

/**
 * Injects the raw `WebhookClient` (for `on()` listeners, `getSettings()`, ...).
 *
 * @example
 * constructor(@InjectPageSenseClient() private readonly client: WebhookClient) {}
 */
export function InjectPageSenseClient(): PropertyDecorator & ParameterDecorator {
  return Inject(PAGESENSE_CLIENT);
}
