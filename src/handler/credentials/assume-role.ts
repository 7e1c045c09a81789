/** `assume_role`: STS AssumeRole signed with the base credentials; the role's temporary credentials then sign every call. */
import { StsClient } from "./sts-client";
import { AssumeRoleSettings, CredentialProvider, CredentialSource, Credentials } from "./types";

/** A source that assumes `role` with the credentials `base` gives (asked again at each refresh). */
export function assumeRoleSource(role: AssumeRoleSettings, base: CredentialProvider, baseDescription: string, sts: StsClient): CredentialSource {
  return {
    description: `assume_role ${role.roleArn} session ${role.sessionName} (with ${baseDescription})`,
    fetch: async (): Promise<Credentials> =>
      sts.assumeRole(await base.getCredential(), {
        RoleArn: role.roleArn,
        RoleSessionName: role.sessionName,
        DurationSeconds: role.sessionDuration,
        // The official provider URL-encodes the policy document, as STS expects it.
        Policy: role.policy ? encodeURIComponent(role.policy) : undefined,
        ExternalId: role.externalId,
        SourceIdentity: role.sourceIdentity,
        SerialNumber: role.serialNumber,
        TokenCode: role.tokenCode,
      }),
  };
}
