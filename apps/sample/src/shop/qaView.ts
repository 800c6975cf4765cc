import {
  createClient,
  type Logger,
  MemoryEventSink,
  type PageSenseClient,
  parseVariationOverrides,
} from "@pagesense/node";
import { PRICING_EXPERIMENT } from "./experiment";

/** The QA links of the pricing page: `?pagesense=PricingTest:<variation>`. */
export function qaLink(variation: string): string {
  return `/pricing?pagesense=${encodeURIComponent(PRICING_EXPERIMENT)}:${encodeURIComponent(variation)}`;
}

/**
 * The "see Variation 1 / Original" switch: the `PricingTest` variation a QA link asks for
 * (`?pagesense=PricingTest:Variation%201`, the format the browser SDK's `allowUrlOverrides`
 * reads), or `null` for an ordinary view. The SDK checks it: a client made for this view from
 * the shop's current settings, with the link's `forcedVariations`, decides; an unknown experiment
 * or variation is warned about and ignored (an ordinary view then). That client keeps its events
 * in memory and is dropped, so a QA view never reaches the report.
 */
export async function qaVariation(
  client: PageSenseClient,
  search: string,
  logger: Logger | undefined,
): Promise<string | null> {
  const { forced } = parseVariationOverrides(search);
  const settings = client.getSettings();
  if (forced[PRICING_EXPERIMENT] === undefined || settings === undefined) return null;
  const qa = await createClient({
    settings,
    forcedVariations: forced,
    eventSink: new MemoryEventSink(),
    handleSignals: false,
    logLevel: "WARNING",
    ...(logger ? { logger } : {}),
  });
  const decision = await qa.decide(PRICING_EXPERIMENT, "qa");
  await qa.close();
  return decision.reason === "FORCED" ? decision.variationName : null;
}
