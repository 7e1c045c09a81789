/** Request checks the STS actions share: the role, the session name and duration. */
import { ApiError } from "../errors";
import { parseRoleArn, RoleRef, sessionSeconds } from "../identities";
import { Params } from "../actions/params";

/** What every AssumeRole* request names. */
export interface RoleRequest {
  readonly role: RoleRef;
  readonly session: string;
  readonly durationSeconds: number;
}

const SESSION_NAME = /^[\w+=,.@-]{2,128}$/;

/** RoleArn, RoleSessionName and DurationSeconds of a request, checked as STS documents them. */
export function roleRequest(params: Params): RoleRequest {
  if (params.RoleArn === undefined || params.RoleArn === "") throw new ApiError("MissingParameter", "The parameter `RoleArn` is missing.");
  if (params.RoleSessionName === undefined || params.RoleSessionName === "") throw new ApiError("MissingParameter", "The parameter `RoleSessionName` is missing.");
  if (typeof params.RoleSessionName !== "string" || !SESSION_NAME.test(params.RoleSessionName)) {
    throw new ApiError("InvalidParameter.ParamError", `RoleSessionName must be 2-128 letters, digits or +=,.@-_ (got ${JSON.stringify(params.RoleSessionName)}).`);
  }
  return { role: parseRoleArn(params.RoleArn), session: params.RoleSessionName, durationSeconds: sessionSeconds(params.DurationSeconds) };
}

/** The answer of an AssumeRole* action. */
export function credentialsResponse(issued: { TmpSecretId: string; TmpSecretKey: string; Token: string; ExpiredTime: number; Expiration: string }): Record<string, unknown> {
  return { Credentials: { Token: issued.Token, TmpSecretId: issued.TmpSecretId, TmpSecretKey: issued.TmpSecretKey }, ExpiredTime: issued.ExpiredTime, Expiration: issued.Expiration };
}
