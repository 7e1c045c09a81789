/**
 * AssumeRoleWithWebIdentity: an OIDC token (GitHub Actions, GitLab, TKE) exchanged for a role session. Unsigned, as
 * the service takes it (`Authorization: SKIP`): the token is the proof. The emulator accepts the tokens it was started
 * with (`webIdentityTokens`); any other is `InvalidParameter.WebIdentityTokenError`.
 */
import { ApiError } from "../errors";
import { ActionDefinition } from "../actions/context";
import { checkKnownFields } from "../actions/params";
import { roleSessionIdentity } from "../identities";
import { credentialsResponse, roleRequest } from "./params";

/** The AssumeRoleWithWebIdentity action. */
export const assumeRoleWithWebIdentity: ActionDefinition = {
  name: "AssumeRoleWithWebIdentity",
  mutates: false,
  unsigned: true,
  handle(params, ctx) {
    checkKnownFields(params, ["ProviderId", "WebIdentityToken", "RoleArn", "RoleSessionName", "DurationSeconds", "Tags"]);
    if (typeof params.ProviderId !== "string" || params.ProviderId === "") throw new ApiError("MissingParameter", "The parameter `ProviderId` is missing (the identity provider's name, e.g. OIDC).");
    if (typeof params.WebIdentityToken !== "string" || params.WebIdentityToken === "") throw new ApiError("MissingParameter", "The parameter `WebIdentityToken` is missing.");
    const { role, session, durationSeconds } = roleRequest(params);
    if (!ctx.webIdentityTokens.includes(params.WebIdentityToken)) {
      throw new ApiError("InvalidParameter.WebIdentityTokenError", "The WebIdentityToken is not valid for this identity provider (not one the emulator was started with).");
    }
    return credentialsResponse(ctx.identities.issue(roleSessionIdentity(role, session, role.accountId), durationSeconds));
  },
};
