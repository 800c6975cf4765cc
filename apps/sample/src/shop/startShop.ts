import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebhookClient } from "@pagesense/node";
import { createShopApp, type ShopOptions } from "./createShopApp";

/** Options of {@link startShop}: those of the app plus where to listen. */
export interface StartShopOptions extends ShopOptions {
  /** TCP port (default 3000; 0 picks a free one). */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
}

/** A running shop. */
export interface RunningShop {
  /** `http://127.0.0.1:3000`. */
  readonly url: string;
  /** The shop's PageSense client. */
  readonly client: WebhookClient;
  /**
   * Stops accepting requests, lets requests in progress finish, then closes the PageSense
   * client, which delivers every queued event. Later calls return the same promise.
   */
  close(): Promise<void>;
}

/** Starts the shop's HTTP server. Rejects with a clear error when the port is taken. */
export async function startShop(options: StartShopOptions): Promise<RunningShop> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 3000;
  const server = createServer(createShopApp(options));
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) =>
      reject(new Error(`the shop cannot listen on ${host}:${port}: ${error.message}`)),
    );
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    client: options.client,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          const force = setTimeout(() => server.closeAllConnections(), 5_000);
          server.close(() => {
            clearTimeout(force);
            resolve();
          });
          server.closeIdleConnections(); // keep-alive sockets of finished requests
        });
        await options.client.close(); // after the last request: its events are delivered too
      })();
      return closing;
    },
  };
}
