import { CollectorOutage } from "../events/CollectorOutage";
import { LazyEventSink } from "../events/LazyEventSink";
import { type EventTransport, httpTransport } from "../events/transport";
import type { Http } from "../runtime/http";
import { compileSettings } from "../settings/compileSettings";
import { buildClient, type ClientBuild } from "./buildClient";
import type { ClientOptions } from "./options";
import type { PageSenseClient } from "./PageSenseClient";

/** What a runtime plugs into {@link assembleClient}. */
export interface ClientRuntime<C extends PageSenseClient>
  extends Omit<ClientBuild<C>, "transport" | "deferSink" | "compile" | "outage"> {
  /** The event transport when the options give none (default: JSON POSTs over `http`). */
  transport?(http: Http, requestTimeout: number): EventTransport;
}

/**
 * Builds a client from options and a runtime (HTTP layer, client class) with the servers'
 * defaults: JSON event requests over the runtime's HTTP layer; an event queue built at the first
 * event (a per-request client that only decides costs no queue, timers or closures); settings
 * compiled once per document and shared between clients (`compileSettings`); and events held
 * while the collector is down (`CollectorOutage`). What `createClient` does on servers with fetch
 * and `WebhookClient`. Same contract as `createClient`; the browser package calls
 * {@link buildClient} with its own parts.
 */
export function assembleClient<C extends PageSenseClient>(
  options: ClientOptions,
  runtime: ClientRuntime<C>,
): Promise<C> {
  return buildClient(options, {
    ...runtime,
    transport: runtime.transport ?? httpTransport,
    deferSink: (make) => new LazyEventSink(make),
    compile: compileSettings,
    outage: CollectorOutage,
  });
}
