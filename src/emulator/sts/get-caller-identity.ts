/** GetCallerIdentity: who signed the request (the account guard of the provider asks it before any write). */
import { ActionDefinition } from "../actions/context";
import { checkKnownFields } from "../actions/params";

/** The GetCallerIdentity action. */
export const getCallerIdentity: ActionDefinition = {
  name: "GetCallerIdentity",
  mutates: false,
  handle(params, ctx) {
    checkKnownFields(params, []);
    const c = ctx.caller!;
    return { Arn: c.arn, AccountId: c.accountId, UserId: c.userId, PrincipalId: c.principalId, Type: c.type };
  },
};
