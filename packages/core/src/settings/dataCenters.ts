import { ConfigurationError } from "../shared/errors";

/** PageSense data centres and their collection hosts. */
export const DATA_CENTER_HOSTS: Readonly<Record<string, string>> = {
  us: "pagesense-collect.zoho.com",
  eu: "pagesense-collect.zoho.eu",
  in: "pagesense-collect.zoho.in",
  au: "pagesense-collect.zoho.com.au",
  cn: "pagesense-collect.zoho.com.cn",
  jp: "pagesense-collect.zoho.jp",
  sa: "pagesense-collect.zoho.sa",
  ca: "pagesense-collect.zohocloud.ca",
  uae: "pagesense-collect.zoho.ae",
  inec: "pagesense-collect.zohohq.in",
};

/** An account id split into its account part and data centre. */
export interface AccountLocation {
  /** The account part (`abcd1234` of `abcd1234-US`), used as the portal name by default. */
  account: string;
  /** The data centre code, lower case (`us`). */
  dataCenter: string;
  /** `https://<host>` of the data centre. */
  baseUrl: string;
}

/**
 * Resolves `"<account>-<DC>"` (e.g. `abcd1234-US`) to its data centre host.
 * @throws ConfigurationError for a malformed id or an unknown data centre.
 */
export function resolveAccount(accountId: string): AccountLocation {
  const dash = accountId.lastIndexOf("-");
  const account = accountId.slice(0, Math.max(dash, 0));
  const dataCenter = account && accountId.slice(dash + 1).toLowerCase();
  const hosts = DATA_CENTER_HOSTS;
  if (!Object.hasOwn(hosts, dataCenter))
    throw new ConfigurationError(
      `PageSense: accountId "${accountId}" must be "<account>-<DC>" (e.g. "abcd1234-US"), DC one of ${Object.keys(hosts).join(", ").toUpperCase()}; or set baseUrl`,
    );
  return { account, dataCenter, baseUrl: `https://${hosts[dataCenter]}` };
}
