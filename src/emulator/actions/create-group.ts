/** CreateGroup: creates an empty group; the GroupId and the GroupName must be new in the region. */
import { checkCreateGroup, DEFAULT_FACE_MODEL_VERSION } from "../../api/rules";
import { ApiError, throwFirst } from "../errors";
import { StoredGroup } from "../types";
import { ActionDefinition } from "./context";
import { checkKnownFields } from "./params";

const FIELDS = ["GroupName", "GroupId", "GroupExDescriptions", "Tag", "FaceModelVersion"];

/** The CreateGroup action. */
export const createGroup: ActionDefinition = {
  name: "CreateGroup",
  mutates: true,
  handle(params, ctx) {
    checkKnownFields(params, FIELDS);
    throwFirst(checkCreateGroup(params));
    const groupId = params.GroupId as string;
    const groupName = params.GroupName as string;
    const existing = ctx.store.get(ctx.region, groupId);
    if (existing) {
      throw new ApiError(
        "InvalidParameterValue.GroupIdAlreadyExist",
        `GroupId ${groupId} already exists in region ${ctx.region} (GroupName ${JSON.stringify(existing.GroupName)}).`,
      );
    }
    const sameName = ctx.store.findByName(ctx.region, groupName);
    if (sameName) {
      throw new ApiError(
        "InvalidParameterValue.GroupNameAlreadyExist",
        `GroupName ${JSON.stringify(groupName)} is already used by GroupId ${sameName.GroupId} in region ${ctx.region}; names are unique per region.`,
      );
    }
    if (ctx.store.count(ctx.region) >= ctx.maxGroups) {
      throw new ApiError(
        "InvalidParameterValue.GroupNumExceed",
        `Region ${ctx.region} already holds ${ctx.store.count(ctx.region)} groups, the maximum is ${ctx.maxGroups}; delete groups first.`,
      );
    }
    const now = ctx.now();
    const group: StoredGroup = {
      Region: ctx.region,
      GroupId: groupId,
      GroupName: groupName,
      GroupExDescriptions: [...((params.GroupExDescriptions as string[] | undefined | null) ?? [])],
      Tag: (params.Tag as string | undefined | null) ?? "",
      FaceModelVersion: (params.FaceModelVersion as string | undefined | null) ?? DEFAULT_FACE_MODEL_VERSION,
      CreationTimestamp: now,
      UpdateTimestamp: now,
    };
    ctx.store.insert(group);
    return { FaceModelVersion: group.FaceModelVersion };
  },
};
