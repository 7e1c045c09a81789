/**
 * The handler under injected faults: transient failures are retried (each attempt printed) until success or the
 * deadline; permanent ones fail at once with Code, Message, RequestId and what to do; a lost CreateGroup answer is
 * recovered through GroupIdAlreadyExist; throttling slows later calls.
 */
import { Emulator } from "../../src/emulator";
import { SECRET_KEY, TOKEN, calls, emulator, runHandler, seedFor, settings } from "./harness";

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterEach(() => emu.setFaults(undefined));
afterAll(() => emu.stop());

/** Faults on exactly the requests marked true (in order), of the given kinds. */
function faultsOn(pattern: boolean[], kinds: string[]): void {
  emu.setFaults({ rate: 0.5, kinds, seed: seedFor(pattern) });
}

const RETRY_LINE = (gid: string, action: string, code: string, attempt: number) =>
  new RegExp(`^face-group ${gid}: ${action} ${code.replace(/\./g, "\\.")} RequestId=\\S+ attempt=${attempt} \\d+ms \\(transient, retrying in \\d+ms\\)$`, "m");

describe("handler under faults", () => {
  test.each([
    ["FailedOperation.ServerError", "FailedOperation.ServerError"],
    ["InternalError", "InternalError"],
    ["http502", "HTTP502"],
    ["drop", "NetworkError"],
  ])("transient %s: retried with backoff, then succeeds", async (kind, printed) => {
    const gid = `transient-${kind.replace(/\W/g, "")}`;
    faultsOn([true, true, false, false], [kind]);
    const from = emu.requests.length;
    const r = await runHandler("apply", settings(gid), emu);
    expect(r.code).toBe(0);
    expect(calls(emu, from).slice(-2)).toEqual(["GetGroupInfo:InvalidParameterValue.GroupIdNotExist", "CreateGroup:OK"]);
    expect(emu.requests.slice(from, from + 2).every((q) => q.fault !== undefined)).toBe(true);
    expect(r.stdout).toMatch(RETRY_LINE(gid, "GetGroupInfo", printed, 1));
    expect(r.stdout).toMatch(RETRY_LINE(gid, "GetGroupInfo", printed, 2));
    expect(r.stdout).toMatch(new RegExp(`^face-group ${gid}: GetGroupInfo InvalidParameterValue\\.GroupIdNotExist RequestId=\\S+ attempt=3 `, "m"));
    expect(r.stdout).toContain(`face-group ${gid}: created in ap-guangzhou`);
    expect(emu.groups().map((g) => g.GroupId)).toContain(gid);
  });

  test("a lost CreateGroup answer: the retry finds GroupIdAlreadyExist, reads the group and is done", async () => {
    faultsOn([false, true, false, false, false], ["drop-after"]);
    const from = emu.requests.length;
    const r = await runHandler("apply", settings("lost-1", { tag: "t" }), emu);
    expect(r.code).toBe(0);
    expect(calls(emu, from)).toEqual([
      "GetGroupInfo:InvalidParameterValue.GroupIdNotExist",
      "CreateGroup:OK",
      "CreateGroup:InvalidParameterValue.GroupIdAlreadyExist",
      "GetGroupInfo:OK",
    ]);
    expect(emu.requests[from + 1].fault).toBe("drop-after");
    expect(r.stdout).toMatch(RETRY_LINE("lost-1", "CreateGroup", "NetworkError", 1));
    expect(r.stdout).toContain("face-group lost-1: existed in ap-guangzhou and matches the declaration; adopted as is, nothing to write");
  });

  test("throttling is retried and slows the next calls of the run", async () => {
    faultsOn([true, false, false], ["RequestLimitExceeded"]);
    const from = emu.requests.length;
    const r = await runHandler("apply", settings("throttle-1"), emu);
    expect(r.code).toBe(0);
    expect(calls(emu, from)).toEqual(["GetGroupInfo:RequestLimitExceeded", "GetGroupInfo:InvalidParameterValue.GroupIdNotExist", "CreateGroup:OK"]);
    expect(r.stdout).toMatch(RETRY_LINE("throttle-1", "GetGroupInfo", "RequestLimitExceeded", 1));
    // Full jitter alone could retry at once; the pacing keeps ≥ 250 ms between the throttled call and the next.
    expect(emu.requests[from + 1].at - emu.requests[from].at).toBeGreaterThanOrEqual(200);
  });

  test("a permanent error fails at once: no retry, one line with Code, Message, RequestId, GroupId and what to do", async () => {
    emu.setFaults({ rate: 1, kinds: ["ResourceUnavailable.InArrears"] });
    const from = emu.requests.length;
    const r = await runHandler("apply", settings("arrears-1"), emu);
    expect(r.code).toBe(1);
    expect(calls(emu, from)).toEqual(["GetGroupInfo:ResourceUnavailable.InArrears"]);
    const requestId = emu.requests[from].requestId;
    expect(r.stdout).toBe(`face-group arrears-1: GetGroupInfo ResourceUnavailable.InArrears RequestId=${requestId} attempt=1 ${/(\d+)ms/.exec(r.stdout)![1]}ms\n`);
    expect(r.stderr).toMatch(
      new RegExp(
        `^face-group arrears-1: FAILED GetGroupInfo: Code=ResourceUnavailable\\.InArrears Message=".+" RequestId=${requestId} GroupId=arrears-1; ` +
          "what to do: the Tencent Cloud account is in arrears; top up the account, then retry\\n$",
      ),
    );
  });

  test("wrong credentials: AuthFailure, not retried, hint names the variables, no secret printed", async () => {
    const from = emu.requests.length;
    const r = await runHandler("apply", settings("auth-1"), emu, { TENCENTCLOUD_SECRET_KEY: "a-wrong-secret-key-value" });
    expect(r.code).toBe(1);
    expect(calls(emu, from)).toEqual(["GetGroupInfo:AuthFailure.SignatureFailure"]);
    expect(r.stderr).toContain("Code=AuthFailure.SignatureFailure");
    expect(r.stderr).toContain("check TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SESSION_TOKEN for temporary credentials)");
    for (const secret of ["a-wrong-secret-key-value", SECRET_KEY, TOKEN]) expect(r.stdout + r.stderr).not.toContain(secret);
  });

  test("transient failures until the deadline: stops, prints the last error and that the deadline was reached", async () => {
    emu.setFaults({ rate: 1, kinds: ["FailedOperation.ServerError"] });
    const from = emu.requests.length;
    const r = await runHandler("apply", settings("deadline-1"), emu, { FACE_GROUP_DEADLINE_SECONDS: "1.5" });
    expect(r.code).toBe(1);
    expect(r.ms).toBeGreaterThan(1_300);
    expect(r.ms).toBeLessThan(5_000);
    const attempts = calls(emu, from);
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    expect(new Set(attempts)).toEqual(new Set(["GetGroupInfo:FailedOperation.ServerError"]));
    expect(r.stdout.trim().split("\n")).toHaveLength(attempts.length);
    expect(r.stderr).toMatch(
      new RegExp(
        `^face-group deadline-1: FAILED deadline of 1\\.5s reached after ${attempts.length} attempt\\(s\\) of GetGroupInfo; ` +
          `last error Code=FailedOperation\\.ServerError Message=".+" RequestId=${emu.requests[emu.requests.length - 1].requestId} GroupId=deadline-1; ` +
          "what to do: the API kept failing transiently \\(.+\\), so retry the deploy later or raise FACE_GROUP_DEADLINE_SECONDS \\(now 1\\.5\\)\\n$",
      ),
    );
    expect(emu.groups().map((g) => g.GroupId)).not.toContain("deadline-1");
  });

  test("a request that never answers is cut by the request timeout and retried", async () => {
    emu.setFaults({ rate: 0.5, kinds: ["latency"], latencyMs: 1_000, seed: seedFor([true, false, false]) });
    const r = await runHandler("apply", settings("slow-1"), emu, { FACE_GROUP_REQUEST_TIMEOUT_SECONDS: "0.3" });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(RETRY_LINE("slow-1", "GetGroupInfo", "NetworkError", 1));
    expect(r.stdout).toContain("face-group slow-1: created in ap-guangzhou");
  });
});
