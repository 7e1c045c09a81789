/** GetGroupInfo: the fields of one group. */
import { ActionDefinition, requireExisting } from "./context";
import { checkKnownFields, requireGroupId } from "./params";

/** The GetGroupInfo action. */
export const getGroupInfo: ActionDefinition = {
  name: "GetGroupInfo",
  mutates: false,
  handle(params, ctx) {
    checkKnownFields(params, ["GroupId"]);
    const g = requireExisting(ctx, requireGroupId(params));
    // The documented response has no UpdateTimestamp (GetGroupList has it).
    return {
      GroupName: g.GroupName,
      GroupId: g.GroupId,
      GroupExDescriptions: [...g.GroupExDescriptions],
      Tag: g.Tag,
      FaceModelVersion: g.FaceModelVersion,
      CreationTimestamp: g.CreationTimestamp,
    };
  },
};
