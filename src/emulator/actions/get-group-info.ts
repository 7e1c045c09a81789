/** GetGroupInfo: the fields of one group. */
import { ActionDefinition, groupInfo, requireExisting } from "./context";
import { checkKnownFields, requireGroupId } from "./params";

/** The GetGroupInfo action. */
export const getGroupInfo: ActionDefinition = {
  name: "GetGroupInfo",
  mutates: false,
  handle(params, ctx) {
    checkKnownFields(params, ["GroupId"]);
    // The documented response has no UpdateTimestamp (GetGroupList has it).
    return groupInfo(requireExisting(ctx, requireGroupId(params)));
  },
};
