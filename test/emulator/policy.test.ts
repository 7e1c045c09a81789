/** QPS limit (token bucket per SecretId) and fault injection (seeded), observed through the official SDK. */
import { Emulator, FaultPlan } from "../../src/emulator";
import { mulberry32, RateLimiter } from "../../src/emulator/policy";
import { client, codeOf, failure, raw, SECRET_ID, SECRET_KEY, start } from "./helpers";

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "OK",
    (e) => e.code || (e.httpCode ? `http${e.httpCode}` : "network"),
  );

describe("QPS limit", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await start({ qps: 5, credentials: [{ secretId: SECRET_ID, secretKey: SECRET_KEY }, { secretId: "AKIDsecond", secretKey: "k2" }] });
  });
  afterAll(() => emu.stop());

  test("a burst beyond the bucket gets RequestLimitExceeded, each recorded; other SecretIds are not affected", async () => {
    const c = client(emu);
    const burst = await Promise.all(Array.from({ length: 15 }, () => outcome(c.GetGroupList({}))));
    const ok = burst.filter((o) => o === "OK").length;
    expect(ok).toBeGreaterThanOrEqual(5); // the bucket holds 5; what refills meanwhile is counted exactly below
    expect(burst.filter((o) => o === "RequestLimitExceeded")).toHaveLength(15 - ok);
    expect(ok).toBeLessThan(15);
    expect(emu.requests.filter((r) => r.code === "RequestLimitExceeded")).toHaveLength(15 - ok);
    expect(await outcome(client(emu, { secretId: "AKIDsecond", secretKey: "k2" }).GetGroupList({}))).toBe("OK");
  });

  test("the bucket: qps calls at once, then qps per second, per SecretId (counted on a clock the test moves)", () => {
    let now = 1_000;
    const clock = jest.spyOn(performance, "now").mockImplementation(() => now); // the limiter's clock
    try {
      const limiter = new RateLimiter(5);
      const taken = (key: string, n: number) => Array.from({ length: n }, () => limiter.take(key)).filter(Boolean).length;
      expect(taken("a", 15)).toBe(5);
      expect(taken("b", 1)).toBe(1);
      now += 200;
      expect(taken("a", 15)).toBe(1); // 5 per second: one in 200 ms
      now += 1_000;
      expect(taken("a", 15)).toBe(5); // refilled, never beyond its size
    } finally {
      clock.mockRestore();
    }
  });

  test("setQps(0) lifts the limit", async () => {
    emu.setQps(0);
    const c = client(emu);
    const burst = await Promise.all(Array.from({ length: 30 }, () => outcome(c.GetGroupList({}))));
    expect(burst.every((o) => o === "OK")).toBe(true);
  });
});

describe("faults", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await start();
  });
  afterEach(() => emu.stop());

  const plan: FaultPlan = { rate: 0.5, kinds: ["FailedOperation.ServerError", "InternalError", "RequestLimitExceeded", "http502", "drop"], seed: 42 };
  async function sequence(n = 40): Promise<string[]> {
    const c = client(emu);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(await outcome(c.GetGroupList({})));
    return out;
  }

  test("the same seed gives the same sequence of outcomes; another seed another one", async () => {
    emu.setFaults(plan);
    const first = await sequence();
    emu.setFaults(plan);
    const second = await sequence();
    expect(second).toEqual(first);
    expect(new Set(first).size).toBeGreaterThanOrEqual(4);
    const faulty = first.filter((o) => o !== "OK").length;
    expect(faulty).toBeGreaterThan(8);
    expect(faulty).toBeLessThan(32);
    emu.setFaults({ ...plan, seed: 43 });
    expect(await sequence()).not.toEqual(first);
    // The emulator's records say the same as the client saw.
    expect(emu.requests.slice(0, 40).map((r) => (r.code === "drop" ? "network" : r.code))).toEqual(first);
  });

  test("a fresh emulator with the same plan reproduces the sequence", async () => {
    emu.setFaults(plan);
    const first = await sequence(20);
    const other = await start({ faults: plan });
    try {
      const c = client(other);
      const out: string[] = [];
      for (let i = 0; i < 20; i++) out.push(await outcome(c.GetGroupList({})));
      expect(out).toEqual(first);
    } finally {
      await other.stop();
    }
  });

  test("http502: the SDK throws with httpCode 502 and no API code", async () => {
    emu.setFaults({ rate: 1, kinds: ["http502"] });
    const err = await failure(client(emu).GetGroupList({}));
    expect(err.httpCode).toBe(502);
    expect(err.code).toBeUndefined();
    expect(emu.requests.at(-1)).toMatchObject({ code: "http502", fault: "http502" });
  });

  test("drop: a network error, and the action was not performed", async () => {
    emu.setFaults({ rate: 1, kinds: ["drop"] });
    const err = await failure(client(emu).CreateGroup({ GroupId: "dropped", GroupName: "dropped" }));
    expect(err.code).toBeUndefined();
    expect(err.httpCode).toBeUndefined();
    expect(err.message).toMatch(/socket hang up|ECONNRESET|network/i);
    expect(emu.groups()).toEqual([]);
    expect(emu.requests.at(-1)).toMatchObject({ code: "drop", groupId: "dropped" });
  });

  test("drop-after: the client sees an error although the group exists (the lost response)", async () => {
    emu.setFaults({ rate: 1, kinds: ["drop-after"] });
    const err = await failure(client(emu).CreateGroup({ GroupId: "lost", GroupName: "lost" }));
    expect(err.code).toBeUndefined();
    emu.setFaults(undefined);
    expect((await client(emu).GetGroupInfo({ GroupId: "lost" })).GroupName).toBe("lost");
    expect(emu.requests.at(-2)).toMatchObject({ action: "CreateGroup", code: "OK", fault: "drop-after" });
  });

  test("an API error code kind is answered as that code, and nothing is performed", async () => {
    emu.setFaults({ rate: 1, kinds: ["ResourceUnavailable.InArrears"] });
    const err = await failure(client(emu).CreateGroup({ GroupId: "arrears", GroupName: "arrears" }));
    expect(err.code).toBe("ResourceUnavailable.InArrears");
    expect(emu.groups()).toEqual([]);
  });

  test("latency: slow but successful; the fixed latency option delays every request", async () => {
    emu.setFaults({ rate: 1, kinds: ["latency"], latencyMs: 150 });
    let t = Date.now();
    await client(emu).GetGroupList({});
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    expect(emu.requests.at(-1)).toMatchObject({ code: "OK", fault: "latency" });
    const slow = await start({ latencyMs: 120 });
    try {
      t = Date.now();
      await client(slow).GetGroupList({});
      expect(Date.now() - t).toBeGreaterThanOrEqual(110);
    } finally {
      await slow.stop();
    }
  });

  test("faults apply after authentication", async () => {
    emu.setFaults({ rate: 1, kinds: ["drop"] });
    expect(codeOf(await raw(emu, { secretKey: "wrong" }))).toBe("AuthFailure.SignatureFailure");
  });

  test("bad plans are refused with a clear message", async () => {
    expect(() => emu.setFaults({ rate: 2, kinds: ["drop"] })).toThrow(/rate must be a number from 0 to 1/);
    expect(() => emu.setFaults({ rate: 0.1, kinds: ["explode"] })).toThrow(/unknown fault kind "explode"/);
    expect(() => emu.setFaults({ rate: 0.1, kinds: [] })).toThrow(/non-empty/);
    await expect(start({ faults: { rate: 0.1, kinds: ["nope"] } })).rejects.toThrow(/unknown fault kind/);
  });

  test("mulberry32 is deterministic and uniform enough", () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
