/**
 * `face-groups emulator` as a process (run from the sources with tsx): URL first, usage errors exit 2, clean
 * shutdown, and kill-safety of the state file under SIGKILL while the official SDK hammers CreateGroup.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator } from "../../src/emulator";
import { EmulatorFlags, optionsFromFlags } from "../../src/cli/emulator-command";
import { waitFor } from "../support/processes";
import { client, SECRET_ID, SECRET_KEY } from "./helpers";

const root = path.resolve(__dirname, "../..");
const env = { ...process.env, TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: SECRET_KEY };

interface Cli {
  child: ChildProcess;
  stdout: string[];
  stderr: () => string;
  /** Resolves with the first stdout line. */
  firstLine: Promise<string>;
  exit: Promise<number | null>;
}

function cli(args: string[], childEnv: NodeJS.ProcessEnv = env): Cli {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { cwd: root, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  const stdout: string[] = [];
  let err = "";
  let buf = "";
  let resolveFirst: (l: string) => void;
  const firstLine = new Promise<string>((r) => (resolveFirst = r));
  child.stdout!.on("data", (d) => {
    buf += d;
    const parts = buf.split("\n");
    buf = parts.pop()!;
    for (const p of parts) {
      stdout.push(p);
      if (stdout.length === 1) resolveFirst(p);
    }
  });
  child.stderr!.on("data", (d) => (err += d));
  const exit = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  void exit.then(() => resolveFirst(""));
  return { child, stdout, stderr: () => err, firstLine, exit };
}

/** Enough of the Emulator interface for the SDK helper. */
const remote = (url: string) => ({ port: Number(new URL(url).port) }) as Emulator;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "face-groups-cli-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test("prints the base URL as the first line, serves the SDK, logs one line per request, stops on SIGTERM", async () => {
  const p = cli(["emulator", "--port", "0", "--state", path.join(dir, "s.json")]);
  const url = await p.firstLine;
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const iai = client(remote(url));
  await iai.CreateGroup({ GroupId: "cli", GroupName: "from the CLI" });
  expect((await iai.GetGroupList({})).GroupNum).toBe(1);
  // The log line is written after the answer is sent: wait for it, not for a while.
  await waitFor("the emulator's log line of the GetGroupList", () => p.stdout.length >= 3, 10_000, 10);
  expect(p.stdout.slice(1)).toEqual([
    expect.stringMatching(/ CreateGroup GroupId=cli OK \d+ms RequestId=/),
    expect.stringMatching(/ GetGroupList GroupId=- OK \d+ms RequestId=/),
  ]);
  p.child.kill("SIGTERM");
  expect(await p.exit).toBe(0);
  expect(JSON.parse(fs.readFileSync(path.join(dir, "s.json"), "utf8")).groups[0].GroupId).toBe("cli");
  expect(p.stdout.join("\n")).not.toContain(SECRET_KEY);
});

test.each([
  [["emulator", "--bogus"], /unknown option '--bogus'/],
  [["emulator", "--qps", "fast"], /--qps must be a number from 0 up \(got "fast"\)/],
])("usage error %j exits 2 with a message", async (args, message) => {
  const p = cli(args);
  expect(await p.exit).toBe(2);
  expect(p.stderr()).toMatch(message);
  expect(p.stdout).toEqual([]);
});

describe("flags → options", () => {
  const base: EmulatorFlags = { host: "127.0.0.1", port: "0", qps: "50", maxGroups: "100000", latencyMs: "0" };
  test.each([
    [{ port: "70000" }, /--port must be an integer from 0 to 65535/],
    [{ maxGroups: "-1" }, /--max-groups must be an integer from 0 up/],
    [{ secretId: "AKIDx" }, /--secret-id and --secret-key go together/],
    [{ faultRate: "0.5" }, /--fault-rate and --fault-kinds go together/],
    [{ faultRate: "1.5", faultKinds: "drop" }, /--fault-rate must be a number from 0 to 1/],
    [{ faultSeed: "3" }, /only apply with --fault-rate and --fault-kinds/],
    [{ latencyJitterMs: "-5" }, /--latency-jitter-ms must be an integer from 0 up/],
    [{ listingLagMs: "2s" }, /--listing-lag-ms must be an integer from 0 up/],
    [{ accountId: "acme" }, /--account-id must be an account uin of 5-20 digits/],
    [{ instanceRole: "bad role" }, /--instance-role must be a role name, optionally @account/],
  ] as Array<[Partial<EmulatorFlags>, RegExp]>)("%j is refused", (flags, message) => {
    expect(() => optionsFromFlags({ ...base, ...flags }, env)).toThrow(message);
  });

  test("a full set of flags", () => {
    const flags = { ...base, port: "9000", qps: "0.5", secretId: "AKIDf", secretKey: "k", sessionToken: "t", faultRate: "0.25", faultKinds: "http502, InternalError", faultSeed: "7", faultLatencyMs: "10", latencyMs: "80", latencyJitterMs: "20", listingLagMs: "2000", quiet: true };
    expect(optionsFromFlags(flags, {})).toMatchObject({
      port: 9000,
      qps: 0.5,
      credentials: [{ secretId: "AKIDf", secretKey: "k", token: "t" }],
      faults: { rate: 0.25, kinds: ["http502", "InternalError"], seed: 7, latencyMs: 10 },
      latencyMs: 80,
      latencyJitterMs: 20,
      listingLagMs: 2000,
      quiet: true,
    });
    const sts = optionsFromFlags({ ...base, accountId: "200000000002", webIdentityToken: ["jwt1", "jwt2"], instanceRole: "ci-runner@300000000003" }, env);
    expect(sts).toMatchObject({ credentials: [{ secretId: SECRET_ID, accountId: "200000000002" }], webIdentityTokens: ["jwt1", "jwt2"], instanceRole: { roleName: "ci-runner", accountId: "300000000003" } });
    expect(optionsFromFlags({ ...base, instanceRole: "ci-runner" }, env).instanceRole).toEqual({ roleName: "ci-runner" });
    expect(optionsFromFlags(base, { ...env, TENCENTCLOUD_SESSION_TOKEN: "envtok" }).credentials).toEqual([{ secretId: SECRET_ID, secretKey: SECRET_KEY, token: "envtok" }]);
  });
});

test("no credentials anywhere: exit 2 saying what to set", async () => {
  const { TENCENTCLOUD_SECRET_ID: _a, TENCENTCLOUD_SECRET_KEY: _b, ...bare } = env;
  const p = cli(["emulator"], bare);
  expect(await p.exit).toBe(2);
  expect(p.stderr()).toMatch(/No credentials.*TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY.*--secret-id and --secret-key/s);
});

test("a corrupt state file: exit 2 with path and fix, file untouched", async () => {
  const file = path.join(dir, "state.json");
  fs.writeFileSync(file, "{\"version\":1,\"groups\":[");
  const p = cli(["emulator", "--state", file]);
  expect(await p.exit).toBe(2);
  expect(p.stderr()).toContain(`the state file ${file} is not valid JSON`);
  expect(fs.readFileSync(file, "utf8")).toBe("{\"version\":1,\"groups\":[");
});

test("kill-safety: SIGKILL at random moments while CreateGroup is hammered; the file is always a complete state", async () => {
  const file = path.join(dir, "state.json");
  const acknowledged = new Set<string>();
  const attempted = new Set<string>();
  for (let round = 0; round < 4; round++) {
    const p = cli(["emulator", "--state", file, "--qps", "0", "--quiet"]);
    const url = await p.firstLine;
    expect(url).toMatch(/^http:/);
    const iai = client(remote(url));
    // Reload works: the restarted emulator holds exactly what the file held.
    const held = JSON.parse(fs.readFileSync(file, "utf8")).groups.length;
    expect((await iai.GetGroupList({})).GroupNum).toBe(held);
    let killed = false;
    let acknowledgedThisRound = 0;
    const worker = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const id = `r${round}-w${w}-${i}`;
        attempted.add(id);
        try {
          await iai.CreateGroup({ GroupId: id, GroupName: id, GroupExDescriptions: ["x"] });
          acknowledged.add(id);
          acknowledgedThisRound++;
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
    // Killed at a random count of answered creates (not after a while: a loaded machine answers fewer in a while),
    // with 8 more in flight.
    const killAfter = 6 + Math.floor(Math.random() * 20);
    await waitFor(`${killAfter} acknowledged creates`, () => acknowledgedThisRound >= killAfter, 60_000, 5);
    p.child.kill("SIGKILL");
    killed = true;
    await p.exit;
    await workers;
    const state = JSON.parse(fs.readFileSync(file, "utf8")); // must parse: never a torn file
    expect(state.version).toBe(1);
    const ids = new Set<string>(state.groups.map((g: { GroupId: string }) => g.GroupId));
    for (const id of acknowledged) expect(ids.has(id)).toBe(true); // persisted before the answer
    for (const id of ids) expect(attempted.has(id)).toBe(true);
    expect(state.groups.every((g: { GroupExDescriptions: string[] }) => g.GroupExDescriptions[0] === "x")).toBe(true);
  }
  expect(acknowledged.size).toBeGreaterThanOrEqual(4 * 6);
  // A last clean start: stale temp files of the killed runs are gone.
  const p = cli(["emulator", "--state", file, "--quiet"]);
  expect(await p.firstLine).toMatch(/^http:/);
  p.child.kill("SIGTERM");
  expect(await p.exit).toBe(0); // also right after the URL: the signal handlers are installed before it is printed
  expect(fs.readdirSync(dir)).toEqual(["state.json"]);
}, 180_000);
