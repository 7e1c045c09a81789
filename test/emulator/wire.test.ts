/** The HTTP front: envelopes, bad requests of every kind (the server keeps serving), logging. */
import * as http from "node:http";
import { Emulator } from "../../src/emulator";
import { client, codeOf, raw, start } from "./helpers";

let emu: Emulator;
const lines: string[] = [];
beforeAll(async () => {
  emu = await start({ quiet: false, log: (l) => lines.push(l) });
});
afterAll(() => emu.stop());

/** After any bad request, a good one still works. */
async function stillServing(): Promise<void> {
  expect((await client(emu).GetGroupList({})).GroupNum).toBeGreaterThanOrEqual(0);
}

test("success and error envelopes: HTTP 200, application/json, a fresh UUID RequestId each time", async () => {
  const ok = await raw(emu);
  const err = await raw(emu, { action: "GetGroupInfo", body: JSON.stringify({ GroupId: "none" }) });
  for (const r of [ok, err]) {
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/json");
    expect(r.json?.Response.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  }
  expect(ok.json?.Response).toEqual({ GroupInfos: [], GroupNum: 0, RequestId: ok.json?.Response.RequestId });
  expect(err.json?.Response).toEqual({
    Error: { Code: "InvalidParameterValue.GroupIdNotExist", Message: expect.stringContaining("none") },
    RequestId: err.json?.Response.RequestId,
  });
  expect(ok.json?.Response.RequestId).not.toBe(err.json?.Response.RequestId);
  const records = emu.requests.slice(-2);
  expect(records.map((r) => [r.action, r.code, r.requestId])).toEqual([
    ["GetGroupList", "OK", ok.json?.Response.RequestId],
    ["GetGroupInfo", "InvalidParameterValue.GroupIdNotExist", err.json?.Response.RequestId],
  ]);
});

test("non-JSON and non-object bodies (correctly signed) are InvalidParameter", async () => {
  expect(codeOf(await raw(emu, { body: "{not json" }))).toBe("InvalidParameter");
  expect(codeOf(await raw(emu, { body: "[1,2]" }))).toBe("InvalidParameter");
  expect(codeOf(await raw(emu, { body: "" }))).toBe("InvalidParameter");
  await stillServing();
});

test("missing or wrong headers: MissingParameter, NoSuchVersion, InvalidAction, UnsupportedProtocol", async () => {
  expect(codeOf(await raw(emu, { headers: { "X-TC-Action": undefined } }))).toBe("MissingParameter");
  expect(codeOf(await raw(emu, { headers: { "X-TC-Version": undefined } }))).toBe("MissingParameter");
  expect(codeOf(await raw(emu, { version: "2018-03-01" }))).toBe("NoSuchVersion");
  expect(codeOf(await raw(emu, { action: "CreatePerson" }))).toBe("InvalidAction");
  expect(codeOf(await raw(emu, { headers: { "X-TC-Timestamp": undefined } }))).toBe("MissingParameter");
  expect(codeOf(await raw(emu, { method: "PUT" }))).toBe("UnsupportedProtocol");
  expect(codeOf(await raw(emu, { path: "/v2/groups" }))).toBe("UnsupportedProtocol");
  expect(emu.requests.at(-1)).toMatchObject({ code: "UnsupportedProtocol" });
  await stillServing();
});

test("a body over 10 MB is RequestSizeLimitExceeded and the server keeps serving", async () => {
  const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
  const res = await raw(emu, { body: big });
  expect(res.status).toBe(200);
  expect(codeOf(res)).toBe("RequestSizeLimitExceeded");
  // Exactly 10 MB is read and verified (valid JSON padded with spaces).
  const limit = Buffer.alloc(10 * 1024 * 1024, 0x20);
  limit.write("{}");
  expect(codeOf(await raw(emu, { body: limit }))).toBeUndefined();
  await stillServing();
});

test("the real GetGroupList after the abuse above still answers through the SDK", async () => {
  const c = client(emu);
  await c.CreateGroup({ GroupId: "after-abuse", GroupName: "after abuse" });
  expect((await c.GetGroupList({})).GroupNum).toBe(1);
});

test("a client that hangs up mid-body does not stop the server", async () => {
  await new Promise<void>((resolve) => {
    const req = http.request({ host: "127.0.0.1", port: emu.port, method: "POST", path: "/", headers: { "Content-Length": "1000" } });
    req.on("error", () => resolve());
    req.write("{\"Gro", () => setTimeout(() => (req.destroy(), resolve()), 20));
  });
  await stillServing();
});

test("one log line per request, without secrets, signatures or bodies", async () => {
  lines.length = 0;
  await client(emu).GetGroupInfo({ GroupId: "after-abuse" });
  await raw(emu, { action: "DeleteGroup", body: JSON.stringify({ GroupId: "bad id\nINJECTED" }) });
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z GetGroupInfo GroupId=after-abuse OK \d+ms RequestId=[0-9a-f-]{36} Identity=qcs::cam::uin\/100000000001:uin\/100000000001$/);
  expect(lines[1]).toMatch(/ DeleteGroup GroupId="bad id\\nINJECTED" InvalidParameterValue.GroupIdNotExist \d+ms /);
  for (const l of lines) expect(l).not.toMatch(/Signature|emulatorTestKey|GroupName/);
});
