/**
 * IAI / API 3.0 error codes the project speaks (exact strings from the documentation), and which of them
 * are transient. The provider retries only transient codes; the emulator answers with these codes.
 */

/** Every error code the emulator can answer with or the provider treats specially. */
export const ERROR_CODES = [
  // authentication (never retried)
  "AuthFailure.SignatureFailure",
  "AuthFailure.SignatureExpire",
  "AuthFailure.SecretIdNotFound",
  "AuthFailure.InvalidAuthorization",
  "AuthFailure.TokenFailure",
  "AuthFailure.InvalidSecretId",
  // request shape
  "InvalidAction",
  "NoSuchVersion",
  "InvalidParameter.InvalidParameter",
  "MissingParameter.ErrorParameterEmpty",
  "UnsupportedOperation.UnknowMethod",
  "UnknownParameter",
  "RequestSizeLimitExceeded",
  "UnsupportedProtocol",
  "UnsupportedRegion",
  // group rules
  "InvalidParameterValue.GroupIdAlreadyExist",
  "InvalidParameterValue.GroupIdNotExist",
  "InvalidParameterValue.GroupNameAlreadyExist",
  "InvalidParameterValue.GroupIdIllegal",
  "InvalidParameterValue.GroupIdTooLong",
  "InvalidParameterValue.GroupNameIllegal",
  "InvalidParameterValue.GroupNameTooLong",
  "InvalidParameterValue.GroupTagIllegal",
  "InvalidParameterValue.GroupTagTooLong",
  "InvalidParameterValue.FaceModelVersionIllegal",
  "InvalidParameterValue.GroupExDescriptionsExceed",
  "InvalidParameterValue.GroupExDescriptionsNameIdentical",
  "InvalidParameterValue.GroupExDescriptionsNameIllegal",
  "InvalidParameterValue.GroupExDescriptionsNameTooLong",
  "InvalidParameterValue.GroupNumExceed",
  "InvalidParameterValue.LimitExceed",
  "InvalidParameterValue.OffsetExceed",
  "FailedOperation.DuplicatedGroupDescription",
  "ResourceUnavailable.InArrears",
  "ResourceUnavailable.NotExist",
  // transient
  "RequestLimitExceeded",
  "RequestLimitExceeded.IPLimitExceeded",
  "RequestLimitExceeded.UinLimitExceeded",
  "FailedOperation.RequestLimitExceeded",
  "FailedOperation.ConflictOperation",
  "FailedOperation.ServerError",
  "FailedOperation.RequestTimeout",
  "FailedOperation.GroupInDeletedState",
  "InternalError",
] as const;

/** An error code the project knows. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes that mean "try again later" (IAI-API.md, "Transient"). */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set<string>([
  "RequestLimitExceeded",
  "RequestLimitExceeded.IPLimitExceeded",
  "RequestLimitExceeded.UinLimitExceeded",
  "FailedOperation.RequestLimitExceeded",
  "FailedOperation.ConflictOperation",
  "FailedOperation.ServerError",
  "FailedOperation.RequestTimeout",
  "FailedOperation.GroupInDeletedState",
  "InternalError",
]);

/** Codes that say the caller is sending too fast (the provider slows all its calls down, not just retries). */
export const THROTTLE_CODES: ReadonlySet<string> = new Set<string>([
  "RequestLimitExceeded",
  "RequestLimitExceeded.IPLimitExceeded",
  "RequestLimitExceeded.UinLimitExceeded",
  "FailedOperation.RequestLimitExceeded",
]);

/**
 * True when an API error code is worth retrying. `InternalError.*` sub-codes are transient too;
 * everything else (AuthFailure.*, InvalidParameter*, MissingParameter*, ResourceUnavailable.*, …) is not.
 */
export function isTransientCode(code: string): boolean {
  return TRANSIENT_CODES.has(code) || code.startsWith("InternalError.");
}

/** True for an HTTP status worth retrying (5xx, and 429 should a proxy send it). */
export function isTransientHttpStatus(status: number): boolean {
  return status >= 500 || status === 429;
}
