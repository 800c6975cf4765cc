import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";

/**
 * Whether `req` came over HTTPS: the connection is TLS, or (only when `trustProxy`) the first
 * `X-Forwarded-Proto` value is `https`.
 */
export function isSecureRequest(req: IncomingMessage, trustProxy = false): boolean {
  if ((req.socket as TLSSocket | undefined)?.encrypted === true) return true;
  if (!trustProxy) return false;
  const header = req.headers["x-forwarded-proto"];
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== "string") return false;
  return value.split(",")[0]!.trim().toLowerCase() === "https";
}
