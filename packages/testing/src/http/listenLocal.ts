import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A test server listening on 127.0.0.1. */
export interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Stops listening and ends open connections (keep-alive ones included). */
  close(): Promise<void>;
}

/** Starts `server` on 127.0.0.1 on a free port. */
export async function listenLocal(server: Server): Promise<LocalServer> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
