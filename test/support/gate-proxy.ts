/**
 * A loopback HTTP relay in front of the emulator that can hold requests: while closed it reads each request whole
 * and keeps it; `open()` forwards the held ones and everything after. Tests use it to keep a `terraform apply` in
 * the middle of its API calls (so it holds its state lock) until another command has done what the test watches.
 * Requests are forwarded unchanged (Host included: the TC3 signature covers it).
 */
import * as http from "node:http";
import * as net from "node:net";

/** A request the gate holds. */
export interface HeldRequest {
  /** The X-TC-Action header, e.g. CreateGroup. */
  readonly action: string;
  /** The GroupId in the JSON body, when there is one. */
  readonly groupId?: string;
}

/** A running gate. Call `stop()` when done. */
export interface Gate {
  /** Its base URL (point TENCENTCLOUD_IAI_ENDPOINT here). */
  readonly url: string;
  /** Requests held so far (while closed). */
  held(): readonly HeldRequest[];
  /** Holds every request from now on. */
  close(): void;
  /** Forwards the held requests and all later ones. */
  open(): void;
  /** Stops listening and drops the connections (held requests included). */
  stop(): Promise<void>;
}

/** Starts a gate (open) relaying to `target` (an http:// base URL). */
export async function startGate(target: string): Promise<Gate> {
  const to = new URL(target);
  const agent = new http.Agent({ keepAlive: false });
  let closed = false;
  let held: Array<HeldRequest & { forward: () => void }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const forward = () => {
        const out = http.request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        out.on("error", () => res.destroy());
        out.end(body);
      };
      if (!closed) return forward();
      let groupId: string | undefined;
      try {
        groupId = JSON.parse(body.toString("utf8")).GroupId;
      } catch {
        // not JSON: no GroupId to report
      }
      held.push({ action: String(req.headers["x-tc-action"] ?? ""), groupId, forward });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    held: () => held.map(({ action, groupId }) => ({ action, groupId })),
    close: () => void (closed = true),
    open: () => {
      closed = false;
      const waiting = held;
      held = [];
      for (const h of waiting) h.forward();
    },
    stop: async () => {
      closed = false;
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
