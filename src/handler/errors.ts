/**
 * The ways a group operation fails, each reported as one message that says what to do. `ApiError` is an answer of
 * the API (or of the network on the way to it); `Refusal` is the provider declining before any write;
 * `DeadlineError` is transient failures outlasting the deadline (deadline_seconds or FACE_GROUP_DEADLINE_SECONDS).
 */

/** What an attempt's failure was, for the retry decision. */
export type FailureKind = "api" | "http" | "network";

/** A failed API call: `code` is the API error code, `HTTP<status>` or `NetworkError`. */
export class ApiError extends Error {
  constructor(
    readonly action: string,
    readonly kind: FailureKind,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** What to do about it (a NetworkFailure knows more than its code). */
  get hint(): string {
    return hintFor(this.code);
  }
}

/** The handler refuses to go on (invalid declaration, impossible change, bad configuration); nothing was written. */
export class Refusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Refusal";
  }
}

/** Transient failures lasted until the deadline (or earlier calls used up the time before `action` could start). */
export class DeadlineError extends Error {
  constructor(
    readonly deadlineSeconds: number,
    readonly action: string,
    readonly attempts: number,
    readonly last?: ApiError,
  ) {
    super(
      attempts > 0
        ? `deadline of ${deadlineSeconds}s reached after ${attempts} attempt(s) of ${action}`
        : `deadline of ${deadlineSeconds}s reached before ${action} could start`,
    );
    this.name = "DeadlineError";
  }
}

/** The work was stopped (Terraform's StopProvider, e.g. Ctrl-C) before it could finish; nothing more is sent. */
export class Interrupted extends Error {
  constructor() {
    super("stopped (Terraform asked the provider to stop, e.g. Ctrl-C) before the work finished; nothing more was sent");
    this.name = "Interrupted";
  }
}

const CREDENTIAL_VARS = "TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SESSION_TOKEN for temporary credentials)";

/** What to do about an error code (the most specific prefix wins). */
const HINTS: readonly (readonly [string, string])[] = [
  ["AuthFailure.SignatureExpire", "the machine's clock is more than 5 minutes off; fix the clock (NTP) and retry"],
  ["AuthFailure", `the API rejected the credentials: check ${CREDENTIAL_VARS}`],
  ["ResourceUnavailable.InArrears", "the Tencent Cloud account is in arrears; top up the account, then retry"],
  ["ResourceUnavailable", "Face Recognition is not available to this account; activate the service in the Tencent Cloud console"],
  [
    "InvalidParameterValue.GroupNameAlreadyExist",
    "another group in this region already has this groupName (after a groupId change, the group kept by removalPolicy RETAIN still holds it); choose a different groupName or rename that group",
  ],
  ["InvalidParameterValue.GroupNumExceed", "the account's group quota is used up; delete unused groups or raise the quota"],
  ["InvalidParameterValue.GroupIdNotExist", "the group does not exist (deleted outside Terraform?); re-run the deploy to recreate it"],
  ["InvalidParameter", "the API rejected the declaration; fix the FaceGroup props (see Message)"],
  ["MissingParameter", "the API rejected the declaration; fix the FaceGroup props (see Message)"],
  ["FailedOperation.DuplicatedGroupDescription", "description field names must be unique; fix groupExDescriptions"],
  ["InvalidAction", "the endpoint does not speak the IAI 2020-03-03 API; check TENCENTCLOUD_IAI_ENDPOINT"],
  ["UnsupportedOperation", "the endpoint does not speak the IAI 2020-03-03 API; check TENCENTCLOUD_IAI_ENDPOINT"],
  ["NetworkError", "the API could not be reached; check the network, proxy settings and TENCENTCLOUD_IAI_ENDPOINT"],
  ["HTTP", "the endpoint answered with an HTTP error; check TENCENTCLOUD_IAI_ENDPOINT and any proxy in between"],
];

/** The advice for an error code. */
export function hintFor(code: string): string {
  return HINTS.find(([prefix]) => code.startsWith(prefix))?.[1] ?? "see Message; re-run the deploy once the cause is fixed";
}

/** An API error in the API's own words: `Code=… Message="…" RequestId=…`. */
export function apiWords(err: ApiError): string {
  return `Code=${err.code} Message=${JSON.stringify(err.message)} RequestId=${err.requestId ?? "-"}`;
}

/** The one failure line: what failed, the API's words, and what to do. */
export function describeFailure(e: unknown, groupId: string): string {
  const api = (err: ApiError) => `${apiWords(err)} GroupId=${groupId}`;
  if (e instanceof ApiError) return `${e.action}: ${api(e)}; what to do: ${e.hint}`;
  if (e instanceof DeadlineError) {
    const last = e.last ? `; last error ${api(e.last)}; what to do: the API kept failing transiently (${e.last.hint}), so` : "; what to do:";
    return `${e.message}${last} retry the deploy later or raise FACE_GROUP_DEADLINE_SECONDS (now ${e.deadlineSeconds})`;
  }
  if (e instanceof Refusal || e instanceof Interrupted) return e.message;
  return `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
}
