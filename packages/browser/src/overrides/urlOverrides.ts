import {
  consoleLogger,
  type Logger,
  OVERRIDE_PARAMETER,
  parseVariationOverrides,
} from "@pagesense/core";
import { parseLogLevel, SafeLogger } from "@pagesense/core/internal";

/**
 * The `forcedVariations` of a page with `allowUrlOverrides`: those given in the options, with the
 * page URL's `?pagesense=Experiment:Variation,...` entries over them. Malformed entries are
 * warned about (with the client's logger and level) and skipped; whether the names exist is
 * checked by the client, which warns about unknown ones and ignores them.
 */
export function forcedFromUrl(
  given: Readonly<Record<string, string>> | undefined,
  search: string,
  logger: Logger | undefined,
  logLevel: unknown,
): Record<string, string> | undefined {
  const { forced, problems } = parseVariationOverrides(search);
  if (problems.length > 0) {
    const log = new SafeLogger(logger ?? consoleLogger, parseLogLevel(logLevel) ?? "WARNING");
    for (const p of problems)
      log.warn(`allowUrlOverrides: ?${OVERRIDE_PARAMETER}= entry ${p}; ignored`);
  }
  if (Object.keys(forced).length === 0) return given;
  // An option that is not an object is the client's to warn about; the URL's entries still apply.
  return typeof given === "object" && given !== null ? { ...given, ...forced } : forced;
}
