import {
  createClient,
  type Logger,
  MemoryEventSink,
  type PageSenseClient,
  type UserStorage,
} from "@pagesense/core";
import { documentOf, experiment, project, RecordingLogger, variation } from "@pagesense/testing";

/** A variation share of the test experiment: key (also its name) and traffic percentage. */
export type Share = [key: string, percent: number];

/** A settings document whose experiments ("Exp0", "Exp1", ...) all split as `shares`. */
export function settingsOf(shares: Share[], experiments = 1) {
  const variations = shares.map(([key, share]) => variation(key, share, `Name ${key}`));
  return documentOf(
    project({
      experiments: Array.from({ length: experiments }, (_, i) =>
        experiment(`Exp${i}`, { variations }),
      ),
    }),
  );
}

/** A client on fixed settings (no network) with the given storage; events stay in memory. */
export function localClient(
  settings: object,
  userStorage: UserStorage | undefined,
  logger: Logger = new RecordingLogger(),
): Promise<PageSenseClient> {
  return createClient({
    accountId: "demo-US",
    sdkKey: "sdk-demo",
    projectName: "Shop",
    settings: settings as never,
    pollingInterval: 0,
    eventSink: new MemoryEventSink(),
    userStorage,
    logger,
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
