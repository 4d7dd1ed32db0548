// A load balancer for tests and benchmarks: each request goes to the next instance in turn, with the
// Host header kept and the client's address appended to X-Forwarded-For, as a production proxy does.
// Turns are counted per method, so that a page's reads and its actions both alternate however many
// requests one step of a test makes (one counter would send every action to the same instance).
import http from "node:http";
import type { AddressInfo } from "node:net";

export type RoundRobin = {
  port: number;
  /** Requests each instance answered, in the order of `instances`. */
  served: number[];
  /** Requests that reached an instance: method, path and the instance's index. */
  log: { method: string; path: string; instance: number }[];
  close: () => Promise<void>;
};

export async function startRoundRobin(port: number, instances: number[]): Promise<RoundRobin> {
  const served = instances.map(() => 0);
  const log: RoundRobin["log"] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const turns = new Map<string, number>();
  const server = http.createServer(async (request, response) => {
    const method = request.method ?? "GET";
    const turn = turns.get(method) ?? 0;
    turns.set(method, turn + 1);
    const forwarded = [request.headers["x-forwarded-for"], request.socket.remoteAddress].filter(Boolean).join(", ");
    // The body is read first, so that a request an instance refused to connect can go to the next.
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const send = (attempt: number) => {
      const instance = (turn + attempt) % instances.length;
      const upstream = http.request(
        {
          host: "127.0.0.1",
          port: instances[instance],
          method,
          path: request.url,
          headers: { ...request.headers, "x-forwarded-for": forwarded },
          agent,
        },
        (answer) => {
          served[instance]++;
          log.push({ method, path: request.url ?? "/", instance });
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.on("error", (error: NodeJS.ErrnoException) => {
        // A stopped instance: like a balancer's health check, the next one takes the request.
        if (error.code === "ECONNREFUSED" && attempt + 1 < instances.length) return send(attempt + 1);
        if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
        response.end("Instance injoignable.");
      });
      upstream.end(body);
    };
    send(0);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    served,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
