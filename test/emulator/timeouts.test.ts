/**
 * HTTP timeouts: a client that stalls its headers or body is answered 408 and disconnected within the timeout while
 * other clients are served; the clock stops once the request is read (latency and the `latency` fault are not cut);
 * idle keep-alive connections are closed. Timeouts are shortened through `EmulatorOptions.timeouts` to keep it fast.
 */
import * as net from "node:net";
import { DEFAULT_TIMEOUTS, Emulator, EmulatorConfigError } from "../../src/emulator";
import { client, start } from "./helpers";

const TIMEOUTS = { headersMs: 400, requestMs: 800, keepAliveMs: 300 };

/** Opens a raw connection, sends `data`, and resolves when the server closes it: what came back and when. */
function sendAndWaitForClose(emu: Emulator, data: string): Promise<{ ms: number; received: string }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    const socket = net.connect(emu.port, "127.0.0.1", () => socket.write(data));
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => resolve({ ms: Date.now() - started, received: Buffer.concat(chunks).toString("latin1") }));
  });
}

const HEAD = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-TC-Action: GetGroupList\r\n";

describe("stalled clients are cut off, others are served", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await start({ timeouts: TIMEOUTS });
  });
  afterAll(() => emu.stop());

  test("a client stalling its headers gets 408 and is disconnected within the headers timeout", async () => {
    const stalled = sendAndWaitForClose(emu, HEAD); // headers never end
    const served: number[] = [];
    for (let i = 0; i < 5; i++) {
      served.push((await client(emu).GetGroupList({})).GroupNum);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(served).toEqual([0, 0, 0, 0, 0]);
    const { ms, received } = await stalled;
    expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUTS.headersMs - 50);
    expect(ms).toBeLessThan(TIMEOUTS.headersMs + 1_000); // the sweep runs every headersMs / 4; generous for CI
  });

  test("many clients stalling at once are all cut, and the server keeps serving", async () => {
    const stalled = Array.from({ length: 20 }, () => sendAndWaitForClose(emu, "POST / HTTP/1.1\r\nHost: x"));
    expect((await client(emu).GetGroupList({})).GroupNum).toBe(0);
    const results = await Promise.all(stalled);
    expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(TIMEOUTS.headersMs + 1_000);
    expect((await client(emu).GetGroupList({})).GroupNum).toBe(0);
  });

  test("a client stalling its body is disconnected within the request timeout, recorded as client-closed", async () => {
    const { ms, received } = await sendAndWaitForClose(emu, `${HEAD}Content-Length: 100\r\n\r\n{"Offset":`);
    expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUTS.requestMs - 50);
    expect(ms).toBeLessThan(TIMEOUTS.requestMs + 1_000);
    expect(emu.requests.at(-1)).toMatchObject({ action: "GetGroupList", code: "client-closed" });
    expect((await client(emu).GetGroupList({})).GroupNum).toBe(0);
  });

  test("an idle keep-alive connection is closed after keepAliveMs (plus Node's 1 s grace)", async () => {
    const { ms, received } = await sendAndWaitForClose(emu, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    expect(received).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*"UnsupportedProtocol"/);
    // Node closes keepAliveTimeout + 1 s after the answer; clients are told the bare timeout (Keep-Alive header), so
    // they stop reusing the socket before the server closes it.
    expect(ms).toBeGreaterThanOrEqual(TIMEOUTS.keepAliveMs + 1_000 - 50);
    expect(ms).toBeLessThan(TIMEOUTS.keepAliveMs + 2_000);
  });
});

test("the clock stops once the request is read: latency and the latency fault beyond requestMs still answer", async () => {
  const emu = await start({ timeouts: { headersMs: 100, requestMs: 200 }, latencyMs: 300, faults: { rate: 1, kinds: ["latency"], latencyMs: 300 } });
  try {
    expect((await client(emu).GetGroupList({})).GroupNum).toBe(0);
    expect(emu.requests.at(-1)).toMatchObject({ code: "OK", fault: "latency" });
    expect(emu.requests.at(-1)!.ms).toBeGreaterThanOrEqual(550);
  } finally {
    await emu.stop();
  }
});

test("a 10 MB body within the request timeout is read and answered", async () => {
  const emu = await start({ timeouts: { headersMs: 1_000, requestMs: 5_000 } });
  try {
    const tags = "t".repeat(10 * 1024 * 1024 - 100);
    const err = await client(emu)
      .CreateGroup({ GroupId: "big", GroupName: "big", Tag: tags })
      .then(() => undefined, (e: { code?: string }) => e.code);
    expect(err).toBe("InvalidParameterValue.GroupTagTooLong"); // read in full and validated, not cut off
  } finally {
    await emu.stop();
  }
});

describe("timeout options", () => {
  test("the defaults are 10 s for headers, 30 s per request, 5 s keep-alive", () => {
    expect(DEFAULT_TIMEOUTS).toEqual({ headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 });
  });

  test.each<[string, Record<string, unknown>, string]>([
    ["zero", { headersMs: 0 }, "timeouts.headersMs must be an integer number of ms > 0 (got 0)."],
    ["not an integer", { keepAliveMs: 1.5 }, "timeouts.keepAliveMs must be an integer number of ms > 0 (got 1.5)."],
    ["a string", { requestMs: "30s" }, 'timeouts.requestMs must be an integer number of ms > 0 (got "30s").'],
    ["a request timeout below the headers timeout", { headersMs: 2_000, requestMs: 1_000 }, "timeouts.requestMs must be at least timeouts.headersMs (2000) (got 1000)."],
    ["only a headers timeout above the default request timeout", { headersMs: 60_000 }, "timeouts.requestMs must be at least timeouts.headersMs (60000) (got 30000)."],
  ])("%s is refused", async (_name, timeouts, message) => {
    await expect(start({ timeouts: timeouts as never })).rejects.toThrow(new EmulatorConfigError(message));
  });
});
