import {
  assembleClient,
  HttpClient,
  type ResolvedOptions,
  SERVER_MAX_CONCURRENT_REQUESTS,
} from "@pagesense/core/internal";
import { SettingsFile } from "../settings/SettingsFile";
import { shutdownRegistry } from "../shutdown/ShutdownRegistry";
import { NodeHttpTransport } from "../transport/NodeHttpTransport";
import { CloseHooksClient } from "./CloseHooksClient";
import { logSinkFor } from "./logSink";
import type { NodeClientOptions } from "./options";

/**
 * Creates a PageSense client for Node.js: the core client (see `@pagesense/core`'s
 * `createClient`) with Node defaults — timers that never keep the process alive, flush-and-close
 * on SIGTERM/SIGINT/`beforeExit` (`handleSignals: false` to opt out), and an optional
 * `settingsFile` for cold starts without the network. Rejects only for invalid options.
 */
export async function createClient(options: NodeClientOptions): Promise<CloseHooksClient> {
  if (typeof options !== "object" || options === null) {
    // Let the core report the problem in its words.
    return (await createNodeClient(options)).client;
  }
  const { handleSignals, settingsFile, ...coreOptions } = options;
  const log = logSinkFor(options);
  if (handleSignals !== undefined && typeof handleSignals !== "boolean") {
    log.warn(`option handleSignals ${JSON.stringify(handleSignals)} is not a boolean; using true`);
  }
  let file: SettingsFile | undefined;
  if (settingsFile !== undefined) {
    if (typeof settingsFile === "string" && settingsFile !== "") {
      file = new SettingsFile(settingsFile, log);
    } else {
      log.warn("option settingsFile must be a non-empty file path; ignoring it");
    }
  }

  let bootstrapped = false;
  if (file && coreOptions.settings === undefined) {
    const document = await file.read(coreOptions.projectName);
    if (document !== undefined) {
      coreOptions.settings = document as NodeClientOptions["settings"];
      bootstrapped = true;
    }
  }

  const { client, resolved } = await createNodeClient({
    ...coreOptions,
    unrefTimers: coreOptions.unrefTimers ?? true,
  });

  let stopSaving: (() => void) | undefined;
  if (file) {
    const target = file;
    stopSaving = client.on("settings", () => void target.save(client.getSettings()));
    // Settings fetched during createClient arrived before the listener existed.
    void target.save(client.getSettings());
    // A file may be stale: refresh once now rather than after a whole polling period (or never,
    // with polling off). Runs in the background; failures are logged by the client.
    if (bootstrapped && resolved.network?.credentials) void client.getAndUpdateProjectSettings();
  }

  const watch = handleSignals !== false;
  if (!watch && !file) return client;

  client.afterClose(async () => {
    stopSaving?.();
    await file?.idle();
    if (watch) shutdownRegistry.remove(client);
  });
  if (watch) shutdownRegistry.add(client, resolved.closeTimeout, log);
  return client;
}

/**
 * Core's server client assembly (fetch for settings; events over {@link NodeHttpTransport} unless
 * a `fetch` is given), building a {@link CloseHooksClient}; also gives the options as core validated them.
 */
async function createNodeClient(
  options: NodeClientOptions,
): Promise<{ client: CloseHooksClient; resolved: ResolvedOptions }> {
  let resolved!: ResolvedOptions;
  const client = await assembleClient(options, {
    http: (fetchImpl) => new HttpClient(fetchImpl),
    maxConcurrentRequests: SERVER_MAX_CONCURRENT_REQUESTS,
    ...(typeof options?.fetch !== "function" && {
      transport: (_http, requestTimeout) =>
        new NodeHttpTransport(requestTimeout, connectionsFor(options)),
    }),
    client: (parts, checked) => {
      resolved = checked;
      return new CloseHooksClient(parts);
    },
  });
  return { client, resolved };
}

/** Connections per origin: the requests in flight at most. */
function connectionsFor(options: NodeClientOptions): number {
  const n = options.maxConcurrentRequests;
  return typeof n === "number" && n >= 1 ? Math.floor(n) : SERVER_MAX_CONCURRENT_REQUESTS;
}
