import http from "node:http";
import type net from "node:net";

// A small round-robin reverse proxy, for running several app instances without a real load
// balancer (the tests of two instances, and `PREFLIGHT_INSTANCES=2 npm start`): each request goes
// to the next backend on loopback; a backend that refuses the connection (stopped, restarting)
// or resets it before answering is skipped and the request tried on the next one, as nginx's
// `proxy_next_upstream error` does. It appends the client's address to X-Forwarded-For and says
// which backend answered in `X-Served-By` (its port).

export interface HttpProxy {
  url: string;
  /** Requests answered by each backend (by its port), and those tried again elsewhere. */
  counts: { byBackend: Record<number, number>; retried: number; failed: number };
  close(): Promise<void>;
}

const RETRYABLE = new Set(["ECONNREFUSED", "ECONNRESET"]);

export async function startHttpProxy(
  port: number,
  backends: number[],
  host = "127.0.0.1",
): Promise<HttpProxy> {
  let next = 0;
  const counts: HttpProxy["counts"] = { byBackend: {}, retried: 0, failed: 0 };
  const sockets = new Set<net.Socket>();

  const server = http.createServer(async (request, response) => {
    // The body is read once, so that a request can be sent again to another backend.
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const forwarded = [request.headers["x-forwarded-for"], request.socket.remoteAddress]
      .filter(Boolean)
      .join(", ");
    const start = next++;
    for (let attempt = 0; attempt < backends.length; attempt++) {
      const backend = backends[(start + attempt) % backends.length]!;
      const outcome = await new Promise<"answered" | "retry" | "failed">((resolve) => {
        const upstream = http.request(
          {
            host: "127.0.0.1",
            port: backend,
            method: request.method,
            path: request.url,
            headers: { ...request.headers, "x-forwarded-for": forwarded, connection: "close" },
            agent: false,
          },
          (answer) => {
            counts.byBackend[backend] = (counts.byBackend[backend] ?? 0) + 1;
            response.writeHead(answer.statusCode ?? 502, {
              ...answer.headers,
              "x-served-by": String(backend),
            });
            answer.pipe(response);
            answer.on("aborted", () => response.destroy());
            answer.on("error", () => response.destroy());
            resolve("answered");
          },
        );
        upstream.on("error", (error: NodeJS.ErrnoException) => {
          resolve(RETRYABLE.has(error.code ?? "") ? "retry" : "failed");
        });
        upstream.end(body);
      });
      if (outcome === "answered") return;
      if (outcome === "failed") break;
      counts.retried += 1;
    }
    counts.failed += 1;
    response.writeHead(502, { "content-type": "text/plain" }).end("no backend answered");
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, host, () => resolve()));
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
