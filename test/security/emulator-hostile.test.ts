/**
 * The emulator under hostile requests, over raw HTTP and raw TCP: hostile JSON that parses, bodies far past the
 * limit, header injection and request smuggling, slow clients, floods of garbage connections. After each it has
 * answered with an error envelope where HTTP allows one (or a bare 400/431 from the HTTP parser where it does not),
 * still serves the official SDK, and holds exactly the groups it held before — in memory and in its state file.
 * (test/emulator/wire.test.ts already covers non-JSON bodies, 10 MB + 1, bad headers and a mid-body hang-up.)
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator, StoredGroup } from "../../src/emulator";
import { client, codeOf, raw, SECRET_KEY, start } from "../emulator/helpers";

jest.setTimeout(60_000);

let emu: Emulator;
let dir: string;
const lines: string[] = [];
let expected: StoredGroup[]; // what the emulator must hold after each test
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fg-sec-emu-"));
  emu = await start({ statePath: path.join(dir, "state.json"), quiet: false, log: (l) => lines.push(l) });
  const iai = client(emu);
  await iai.CreateGroup({ GroupId: "Seed1", GroupName: "Seed one", GroupExDescriptions: ["Desk"], Tag: "t" });
  await iai.CreateGroup({ GroupId: "Seed2", GroupName: "Seed two" });
  expected = emu.groups();
});
afterAll(async () => {
  await emu?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The SDK is served, and the groups — in memory, through the API, in the state file — are exactly `expected`. */
afterEach(async () => {
  const list = await client(emu).GetGroupList({ Limit: 1000 });
  expect(list.GroupInfos.map((g: { GroupId: string }) => g.GroupId)).toEqual(expected.map((g) => g.GroupId));
  expect(emu.groups()).toEqual(expected);
  const file = JSON.parse(fs.readFileSync(path.join(dir, "state.json"), "utf8"));
  expect(file.groups).toEqual(expected);
  // One log line per request, whatever was sent: no raw control character, no secret.
  const token = String.raw`(?:[\x21-\x7e]+|"(?:[^"\\\x00-\x1f]|\\.)*")`; // printable, or a JSON string
  const logLine = new RegExp(String.raw`^\S+ ${token} GroupId=${token} \S+ \d+ms RequestId=[0-9a-f-]{36} Identity=${token}$`);
  expect(lines.filter((l) => !logLine.test(l))).toEqual([]);
  expect(lines.join("\n")).not.toContain(SECRET_KEY);
});

/** Raw bytes on a fresh TCP connection; what came back, and whether the server closed it within `waitMs`. */
function tcp(payload: string | Buffer, waitMs = 3000): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(emu.port, "127.0.0.1", () => socket.write(payload));
    let text = "";
    const timer = setTimeout(() => (socket.destroy(), resolve({ text, closed: false })), waitMs);
    socket.on("data", (d) => (text += d.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => (clearTimeout(timer), resolve({ text, closed: true })));
  });
}

/** The error code of an HTTP answer read off a raw socket. */
const envelopeCode = (text: string): string | undefined => JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4)).Response.Error?.Code;

const request = (head: string[], body = "") => `${["POST / HTTP/1.1", "Host: 127.0.0.1", ...head, `Content-Length: ${Buffer.byteLength(body)}`, "Connection: close"].join("\r\n")}\r\n\r\n${body}`;

test.each<[string, string, string | Buffer, string]>([
  ["__proto__ key (prototype pollution)", "CreateGroup", '{"GroupId":"p1","GroupName":"p1","__proto__":{"polluted":true}}', "UnknownParameter"],
  ["constructor.prototype key", "CreateGroup", '{"GroupId":"p2","GroupName":"p2","constructor":{"prototype":{"polluted":true}}}', "UnknownParameter"],
  ["an operator object as GroupId", "GetGroupInfo", '{"GroupId":{"$ne":null}}', "InvalidParameter.InvalidParameter"],
  ["an operator object as GroupId, on DeleteGroup", "DeleteGroup", '{"GroupId":{"$gt":""}}', "InvalidParameter.InvalidParameter"],
  ["GroupId null on DeleteGroup", "DeleteGroup", '{"GroupId":null}', "MissingParameter.ErrorParameterEmpty"],
  ["GroupId 1e999 (Infinity)", "DeleteGroup", '{"GroupId":1e999}', "InvalidParameter.InvalidParameter"],
  ["GroupId 100,000 arrays deep", "CreateGroup", `{"GroupName":"deep","GroupId":${"[".repeat(100_000)}${"]".repeat(100_000)}}`, "InvalidParameter.InvalidParameter"],
  ["GroupId with invalid UTF-8", "CreateGroup", Buffer.concat([Buffer.from('{"GroupName":"utf","GroupId":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), "InvalidParameterValue.GroupIdIllegal"],
  ["GroupName with a NUL byte and 61 characters", "CreateGroup", JSON.stringify({ GroupId: "nul", GroupName: `\u0000${"n".repeat(60)}` }), "InvalidParameterValue.GroupNameTooLong"],
  ["200,000 unknown keys", "CreateGroup", JSON.stringify(Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i]))), "UnknownParameter"],
  ["FaceModelVersion a number", "CreateGroup", '{"GroupId":"fmv","GroupName":"fmv","FaceModelVersion":3}', "InvalidParameter.InvalidParameter"],
  ["GroupExDescriptions an object", "CreateGroup", '{"GroupId":"gx","GroupName":"gx","GroupExDescriptions":{"0":"a"}}', "InvalidParameter.InvalidParameter"],
  ["GroupExDescriptions nested", "CreateGroup", '{"GroupId":"gx","GroupName":"gx","GroupExDescriptions":[["a"]]}', "InvalidParameter.InvalidParameter"],
  ["a string description index", "ModifyGroup", '{"GroupId":"Seed1","GroupExDescriptionInfos":[{"GroupExDescriptionIndex":"0","GroupExDescription":"x"}]}', "InvalidParameter.InvalidParameter"],
  ["Limit a string", "GetGroupList", '{"Limit":"10"}', "InvalidParameter.InvalidParameter"],
  ["Limit 0.5", "GetGroupList", '{"Limit":0.5}', "InvalidParameter.InvalidParameter"],
  ["Limit 1e308", "GetGroupList", '{"Limit":1e308}', "InvalidParameterValue.LimitExceed"],
  ["Offset -1", "GetGroupList", '{"Offset":-1}', "InvalidParameter.InvalidParameter"],
  ["Offset 1e21", "GetGroupList", '{"Offset":1e21}', "InvalidParameterValue.OffsetExceed"],
  ["body null", "GetGroupList", "null", "InvalidParameter"],
  ["body a number", "GetGroupList", "1", "InvalidParameter"],
  ["body a JSON string", "GetGroupList", '"{}"', "InvalidParameter"],
  ["body with a byte-order mark", "GetGroupList", "\ufeff{}", "InvalidParameter"],
])("hostile JSON, correctly signed: %s → %s", async (_name, action, body, code) => {
  const r = await raw(emu, { action, body });
  expect(r.status).toBe(200);
  expect(codeOf(r)).toBe(code);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

test("12 MB chunked, unsigned, without API headers: RequestSizeLimitExceeded (size is checked first)", async () => {
  const res = await new Promise<{ code?: string }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: emu.port, method: "POST", path: "/" }, (r) => {
      let t = "";
      r.on("data", (d) => (t += d)).on("end", () => resolve({ code: JSON.parse(t).Response.Error?.Code }));
    });
    req.on("error", reject);
    const mb = Buffer.alloc(1024 * 1024, 0x20);
    for (let i = 0; i < 12; i++) req.write(mb);
    req.end();
  });
  expect(res.code).toBe("RequestSizeLimitExceeded");
});

test("a body that never ends (streamed past 80 MB): answered and cut off, not read to the end", async () => {
  const socket = net.connect(emu.port, "127.0.0.1");
  let answer = "";
  let sent = 0;
  let closed = false;
  socket.on("data", (d) => (answer += d));
  socket.on("error", () => undefined);
  socket.on("close", () => (closed = true));
  socket.write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n");
  const chunk = Buffer.from(`100000\r\n${" ".repeat(0x100000)}\r\n`);
  while (!closed && answer === "" && sent < 200 * 1024 * 1024) {
    // Each wait removes both of its listeners: a "close" listener left per drained chunk piled up past Node's limit.
    if (!socket.write(chunk)) await new Promise<void>((r) => {
      const done = () => (socket.off("drain", done).off("close", done), r());
      socket.once("drain", done).once("close", done);
    });
    sent += 0x100000;
  }
  await new Promise((r) => (closed ? r(undefined) : socket.once("close", r)));
  expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*Connection: close/i);
  expect(envelopeCode(answer)).toBe("RequestSizeLimitExceeded");
  expect(sent).toBeLessThan(200 * 1024 * 1024);
});

test.each<[string, string, RegExp]>([
  ["a bare CR in a header value (response splitting)", request(["X-TC-Action: GetGroupList\rX-Injected: 1"]), /^HTTP\/1\.1 400 /],
  ["a bare LF in a header value", request(["X-TC-Region: ap-guangzhou\nX-TC-Action: DeleteGroup"]), /^HTTP\/1\.1 400 /],
  ["a NUL in a header value", request(["X-TC-Action: GetGroupList\u0000DeleteGroup"]), /^HTTP\/1\.1 400 /],
  ["an obs-fold continuation line", request(["X-TC-Action: GetGroupList", " DeleteGroup"]), /^HTTP\/1\.1 400 /],
  ["Content-Length and Transfer-Encoding (smuggling)", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nX", /^HTTP\/1\.1 400 /],
  ["two different Content-Lengths", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}x", /^HTTP\/1\.1 400 /],
  ["a space in a header name", request(["X-TC Action: GetGroupList"]), /^HTTP\/1\.1 400 /],
  ["20 KB of headers", request([`X-Padding: ${"a".repeat(20_000)}`]), /^HTTP\/1\.1 431 /],
  ["a TLS ClientHello on the plain port", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003", /^HTTP\/1\.1 400 /],
])("raw TCP, %s: refused by the HTTP parser, connection closed", async (_name, payload, status) => {
  const r = await tcp(payload);
  expect(r.text).toMatch(status);
  expect(r.closed).toBe(true);
});

test.each<[string, string[], string]>([
  ["two X-TC-Action headers (joined, matching no action)", ["X-TC-Action: GetGroupList", "X-TC-Action: DeleteGroup", "X-TC-Version: 2020-03-03"], "InvalidAction"],
  ["two X-TC-Version headers", ["X-TC-Action: GetGroupList", "X-TC-Version: 2020-03-03", "X-TC-Version: 2020-03-03"], "NoSuchVersion"],
  ["an action with Latin-1 bytes", ["X-TC-Action: CreateGroup\u00ff", "X-TC-Version: 2020-03-03"], "InvalidAction"],
  ["a valid action, Authorization with CR-free junk", ["X-TC-Action: DeleteGroup", "X-TC-Version: 2020-03-03", `Authorization: TC3-HMAC-SHA256 ${"Credential=x/".repeat(500)}`], "AuthFailure.InvalidAuthorization"],
])("raw TCP, %s: an error envelope", async (_name, head, code) => {
  const r = await tcp(request(head, JSON.stringify({ GroupId: "Seed1" })));
  expect(r.text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  expect(envelopeCode(r.text)).toBe(code);
});

/** Sockets that dribble a request head byte by byte, then stall (slowloris); and ones that stall mid-body. */
async function slowClients(n: number): Promise<net.Socket[]> {
  const head = Buffer.from("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-TC-Action: CreateGroup\r\n");
  const sockets = await Promise.all(
    Array.from({ length: n }, () => new Promise<net.Socket>((r) => {
      const s = net.connect(emu.port, "127.0.0.1", () => r(s));
      s.on("error", () => undefined);
    })),
  );
  for (let i = 0; i < head.length; i++) {
    for (const s of sockets) s.write(head.subarray(i, i + 1));
    await sleep(5);
  }
  for (const s of sockets.slice(0, 5)) s.write('Content-Length: 1000\r\n\r\n{"GroupId":"slow'); // in flight, stalled
  return sockets;
}

test("slow clients (slowloris heads and stalled bodies) do not stop others from being served", async () => {
  const sockets = await slowClients(100);
  try {
    const iai = client(emu);
    for (let i = 0; i < 10; i++) expect((await iai.GetGroupInfo({ GroupId: "Seed1" })).GroupName).toBe("Seed one");
    // Every slow client still holds its connection, unanswered: the reads were served beside them, not after the
    // server's timeouts cut them (that would have destroyed these sockets).
    expect(sockets.filter((s) => s.destroyed)).toEqual([]);
  } finally {
    sockets.forEach((s) => s.destroy());
  }
});

test("300 concurrent garbage connections while the SDK creates 20 groups: all 20 exist, nothing else", async () => {
  const garbage = Array.from({ length: 300 }, (_, i) => tcp(i % 3 === 0 ? randomBytes(4096) : i % 3 === 1 ? `POST / HTTP/1.1\r\n${randomBytes(2048).toString("latin1")}` : request(["X-TC-Action: CreateGroup", "X-TC-Version: 2020-03-03"], randomBytes(512).toString("latin1")), 5000));
  const iai = client(emu);
  const ids = Array.from({ length: 20 }, (_, i) => `Flood${i}`);
  await Promise.all(ids.map((id) => iai.CreateGroup({ GroupId: id, GroupName: `flood ${id}` })));
  const answers = await Promise.all(garbage);
  expect(answers.filter((a) => !a.closed)).toEqual([]); // the server closed every garbage connection
  expect(answers.filter((a) => !/^HTTP\/1\.1 (400|200) /.test(a.text))).toEqual([]);
  expect(emu.groups().map((g) => g.GroupId)).toEqual([...expected.map((g) => g.GroupId), ...ids]);
  await Promise.all(ids.map((id) => iai.DeleteGroup({ GroupId: id })));
});

test("stop() with stalled clients still connected finishes, closing them, and the state file is complete", async () => {
  const sockets = await slowClients(20);
  const closed = Promise.all(sockets.map((s) => new Promise((r) => (s.destroyed ? r(undefined) : s.once("close", r)))));
  await emu.stop(); // it waits out its grace for in-flight requests, never for the stalled clients themselves
  await closed;
  const file = JSON.parse(fs.readFileSync(path.join(dir, "state.json"), "utf8"));
  expect(file.groups).toEqual(expected);
  // Serve the afterEach check from a fresh emulator on the same state file.
  emu = await start({ statePath: path.join(dir, "state.json"), quiet: false, log: (l) => lines.push(l) });
});
