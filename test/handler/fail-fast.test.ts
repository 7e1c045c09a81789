/**
 * The fail-fast rule on a fake clock: identical uncurable failures before any answer end the calls once there are
 * enough of them over enough time; transient causes, a changing cause or an answer of the endpoint do not.
 */
import { ApiError } from "../../src/handler/errors";
import { FAIL_FAST_FAILURES, FAIL_FAST_MIN_SPAN_MS, FailFast, FailFastVerdict } from "../../src/handler/fail-fast";
import { networkFailure } from "../../src/handler/network-failure";
import { AttemptReport, Retrier } from "../../src/handler/retry";

const ROUTE = { endpoint: "http://127.0.0.1:9", direct: "loopback endpoints never use the proxy" };
const refused = () => networkFailure("GetGroupInfo", "request to http://127.0.0.1:9/ failed, reason: connect ECONNREFUSED 127.0.0.1:9", ROUTE);
const dns = () => networkFailure("GetGroupInfo", "request to http://x.invalid/ failed, reason: getaddrinfo ENOTFOUND x.invalid", ROUTE);
const reset = () => networkFailure("GetGroupInfo", "request to http://127.0.0.1:9/ failed, reason: read ECONNRESET", ROUTE);

function rule() {
  const clock = { t: 0 };
  return { clock, ff: new FailFast(() => clock.t) };
}

test("enough identical uncurable failures over enough time: a verdict, then every call gets it", () => {
  const { clock, ff } = rule();
  for (let i = 1; i < FAIL_FAST_FAILURES; i++) expect(ff.failed(refused())).toBeUndefined();
  expect(ff.failed(refused())).toBeUndefined(); // enough failures, not yet over enough time
  clock.t = FAIL_FAST_MIN_SPAN_MS;
  const verdict = ff.failed(refused());
  expect(verdict).toBeInstanceOf(FailFastVerdict);
  expect(verdict!.code).toBe("NetworkError.Refused");
  expect(verdict!.message).toContain(`gave up after ${FAIL_FAST_FAILURES + 1} identical failures in 3.0s before the endpoint ever answered`);
  expect(() => ff.check()).toThrow(verdict!);
});

test("transient causes never count", () => {
  const { clock, ff } = rule();
  for (let i = 0; i < 20; i++, clock.t += 1_000) expect(ff.failed(reset())).toBeUndefined();
  expect(() => ff.check()).not.toThrow();
});

test("a different cause starts the count again", () => {
  const { clock, ff } = rule();
  for (let i = 0; i < 10; i++, clock.t += 1_000) expect(ff.failed(i % 2 ? dns() : refused())).toBeUndefined();
});

test("once the endpoint answered, network failures are retried as before", () => {
  const { clock, ff } = rule();
  ff.failed(new ApiError("GetGroupInfo", "api", "InvalidParameterValue.GroupIdNotExist", "m"));
  for (let i = 0; i < 10; i++, clock.t += 1_000) expect(ff.failed(refused())).toBeUndefined();
  const other = rule();
  other.ff.gotAnswer();
  for (let i = 0; i < 10; i++, other.clock.t += 1_000) expect(other.ff.failed(refused())).toBeUndefined();
});

test("in the Retrier: a refused endpoint ends the call by the verdict, long before a 300 s deadline", async () => {
  const clock = { t: 0, now: () => clock.t, sleep: async (ms: number) => void (clock.t += ms), random: () => 0.999 };
  const failFast = new FailFast(clock.now);
  const reports: AttemptReport[] = [];
  const retrier = new Retrier({ deadlineAt: 300_000, deadlineSeconds: 300, clock, failFast }, (r) => reports.push(r));
  const attempt = async (): Promise<{ value: string }> => {
    clock.t += 5;
    throw refused();
  };
  await expect(retrier.run("GetGroupInfo", attempt)).rejects.toBeInstanceOf(FailFastVerdict);
  expect(reports.length).toBeGreaterThanOrEqual(FAIL_FAST_FAILURES);
  expect(clock.t).toBeGreaterThanOrEqual(FAIL_FAST_MIN_SPAN_MS);
  expect(clock.t).toBeLessThan(15_000);
  expect(reports.at(-1)!.code).toBe("NetworkError.Refused");
  expect(reports.at(-1)!.retryInMs).toBeUndefined();
  expect(reports.at(-1)!.detail).toMatch(/gave up after \d+ identical failures .*; check the host and port/);
  // Another call of the process is not even sent.
  let sent = 0;
  await expect(new Retrier({ deadlineAt: 300_000, deadlineSeconds: 300, clock, failFast }, () => undefined).run("CreateGroup", async () => ({ value: String(++sent) }))).rejects.toBeInstanceOf(FailFastVerdict);
  expect(sent).toBe(0);
});
