import "server-only";
import http from "node:http";
import https from "node:https";

// The address of the TCP peer, for per-address limits. Next's route handlers do not see the
// socket, and Next copies it into X-Forwarded-For only when the client sent none — so a client
// could write its own. Instead, every request the Node server receives gets this header, set
// from the socket after any copy the client sent is deleted, before Next (or anything) reads it.

export const CLIENT_ADDRESS_HEADER = "x-preflight-client-address";

const globalForAddress = globalThis as unknown as { preflightClientAddress?: boolean };

/**
 * Stamps every request of this process's HTTP(S) servers, those already listening included
 * (`next start` and the standalone server.js create theirs before instrumentation runs).
 */
export function installClientAddressHeader(): void {
  if (globalForAddress.preflightClientAddress) return;
  globalForAddress.preflightClientAddress = true;
  for (const prototype of [http.Server.prototype, https.Server.prototype]) {
    const emit = prototype.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
    prototype.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") stampClientAddress(args[0] as http.IncomingMessage);
      return emit.call(this, event, ...args);
    } as typeof prototype.emit;
  }
}

export function stampClientAddress(request: http.IncomingMessage): void {
  delete request.headers[CLIENT_ADDRESS_HEADER];
  const address = request.socket?.remoteAddress;
  if (address) request.headers[CLIENT_ADDRESS_HEADER] = address.replace(/^::ffff:/, "");
}
