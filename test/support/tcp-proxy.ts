import net from "node:net";

// A TCP proxy on loopback in front of the test PostgreSQL, so a test can take "the database"
// away and give it back without touching the server every other test (and CI) uses.

export interface TcpProxy {
  /** A copy of `url` that connects through the proxy. */
  url: string;
  port: number;
  /** Connections passed through since the start. */
  connections: number;
  /** Stops listening (new connections are refused) and cuts every open one. */
  cut(): Promise<void>;
  /**
   * Cuts every open connection, then accepts new ones but never answers on them: a database
   * behind a network partition, where only a timeout ends the wait.
   */
  blackhole(): void;
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const targetHost = target.hostname === "localhost" ? "127.0.0.1" : target.hostname;
  const targetPort = Number(target.port || 5432);
  const open = new Set<net.Socket>();
  let port = 0;
  let server: net.Server | undefined;
  let silent = false;

  const proxy: TcpProxy = {
    url: "",
    port: 0,
    connections: 0,
    async cut() {
      const closing = server;
      server = undefined;
      silent = false;
      cutOpen();
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
    blackhole() {
      silent = true;
      cutOpen();
    },
    async restore() {
      silent = false;
      if (!server) await listen();
    },
    close() {
      return proxy.cut();
    },
  };

  function cutOpen(): void {
    for (const socket of open) socket.destroy();
    open.clear();
  }

  async function listen(): Promise<void> {
    const created = net.createServer((client) => {
      open.add(client);
      client.on("error", () => client.destroy());
      if (silent) return;
      proxy.connections += 1;
      const upstream = net.connect({ host: targetHost, port: targetPort });
      open.add(upstream);
      const end = () => {
        client.destroy();
        upstream.destroy();
        open.delete(client);
        open.delete(upstream);
      };
      client.on("error", end).on("close", end);
      upstream.on("error", end).on("close", end);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      created.once("error", reject);
      created.listen({ host: "127.0.0.1", port }, () => resolve());
    });
    server = created;
    port = (created.address() as net.AddressInfo).port;
  }

  await listen();
  const url = new URL(targetUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  proxy.url = url.toString();
  proxy.port = port;
  return proxy;
}
