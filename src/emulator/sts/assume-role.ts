/**
 * AssumeRole: temporary credentials of a role session for the signed caller. The emulator models no trust policies:
 * any well-formed role ARN may be assumed, by any known key, and the session belongs to the role's account.
 */
import { ActionDefinition } from "../actions/context";
import { checkKnownFields } from "../actions/params";
import { roleSessionIdentity } from "../identities";
import { credentialsResponse, roleRequest } from "./params";

/** The AssumeRole action. */
export const assumeRole: ActionDefinition = {
  name: "AssumeRole",
  mutates: false,
  handle(params, ctx) {
    checkKnownFields(params, ["RoleArn", "RoleSessionName", "DurationSeconds", "Policy", "ExternalId", "Tags", "SourceIdentity", "SerialNumber", "TokenCode"]);
    const { role, session, durationSeconds } = roleRequest(params);
    return credentialsResponse(ctx.identities.issue(roleSessionIdentity(role, session, ctx.caller!.accountId), durationSeconds));
  },
};
