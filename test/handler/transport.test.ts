/**
 * The IAI client through the proxy tunnel of transport.ts, with the official SDK against the emulator on loopback:
 * the tunnel is kept alive across calls, and a proxy that cannot be reached or wants credentials is named as such.
 */
import { Emulator, startEmulator } from "../../src/emulator";
import { parseEndpoint } from "../../src/handler/endpoint";
import { IaiClient } from "../../src/handler/iai-client";
import { NetworkFailure } from "../../src/handler/network-failure";
import { freePort } from "../support/cli-emulator";
import { ConnectProxy, startConnectProxy } from "../support/connect-proxy";

const CREDS = { secretId: "AKIDtransportTest000000000000000", secretKey: "transportTestSecretKey0000000000" };
const HOST = "iai.tunnel.test";

let emu: Emulator;
let proxy: ConnectProxy;

beforeAll(async () => {
  emu = await startEmulator({ credentials: [CREDS], quiet: true });
  proxy = await startConnectProxy({ hosts: { [HOST]: "127.0.0.1" } });
});

afterAll(async () => {
  await proxy?.stop();
  await emu?.stop();
});

const client = (proxyUrl: string) =>
  new IaiClient({
    endpoint: parseEndpoint(`http://${HOST}:${emu.port}`),
    region: "ap-guangzhou",
    credentials: { getCredential: async () => CREDS },
    route: { proxy: new URL(proxyUrl) },
  });

test("calls go through one kept-alive tunnel", async () => {
  const c = client(proxy.url);
  const before = proxy.connects.length;
  try {
    for (let i = 0; i < 3; i++) await c.attempt("GetGroupList", { Limit: 1 }, 10_000);
  } finally {
    c.close();
  }
  expect(proxy.connects.slice(before)).toEqual([{ target: `${HOST}:${emu.port}`, credentials: undefined }]);
  expect(emu.requests.filter((r) => r.action === "GetGroupList").length).toBeGreaterThanOrEqual(3);
});

test("a proxy nobody listens on is ProxyUnreachable, naming it without its password", async () => {
  const port = await freePort();
  const c = client(`http://me:pw-not-shown@127.0.0.1:${port}`);
  const e = await c.attempt("GetGroupList", { Limit: 1 }, 10_000).then(() => undefined, (x: unknown) => x);
  c.close();
  expect(e).toBeInstanceOf(NetworkFailure);
  expect((e as NetworkFailure).code).toBe("NetworkError.ProxyUnreachable");
  expect((e as NetworkFailure).message).toContain(`the proxy http://***@127.0.0.1:${port} could not be reached (ECONNREFUSED); endpoint http://${HOST}:${emu.port} via proxy http://***@127.0.0.1:${port}`);
  expect((e as NetworkFailure).message).not.toContain("pw-not-shown");
});
