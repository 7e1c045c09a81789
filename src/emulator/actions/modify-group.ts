/**
 * ModifyGroup: renames a group, changes its Tag, and renames or appends description fields by index.
 *
 * GroupExDescriptionInfos `[{GroupExDescriptionIndex, GroupExDescription}]` (indexes from 0), applied in index
 * order: an index below the current field count renames that field, an index equal to it appends (so 2 then 3
 * append two fields to a group of 2). A gap, a negative or repeated index → `InvalidParameter.InvalidParameter`;
 * more than 5 fields → `GroupExDescriptionsExceed`; equal names after the change →
 * `FailedOperation.DuplicatedGroupDescription`. Everything is checked before anything changes (never half-applied).
 */
import { checkExDescription, checkExDescriptions, checkGroupName, checkTag, RuleViolation } from "../../api/rules";
import { ApiError, throwFirst } from "../errors";
import { ActionDefinition, requireExisting } from "./context";
import { checkKnownFields, isObject, requireGroupId } from "./params";

const FIELDS = ["GroupId", "GroupName", "GroupExDescriptionInfos", "Tag"];
const INFO_FIELDS = ["GroupExDescriptionIndex", "GroupExDescription"];

interface DescriptionInfo {
  index: number;
  name: string;
}

/** The ModifyGroup action. */
export const modifyGroup: ActionDefinition = {
  name: "ModifyGroup",
  mutates: true,
  handle(params, ctx) {
    checkKnownFields(params, FIELDS);
    const groupId = requireGroupId(params);
    const name = params.GroupName ?? undefined;
    if (name !== undefined) throwFirst(checkGroupName(name));
    throwFirst(checkTag(params.Tag));
    const infos = parseInfos(params.GroupExDescriptionInfos);
    const group = requireExisting(ctx, groupId);
    if (typeof name === "string" && name !== group.GroupName) {
      const other = ctx.store.findByName(ctx.region, name);
      if (other) {
        throw new ApiError(
          "InvalidParameterValue.GroupNameAlreadyExist",
          `GroupName ${JSON.stringify(name)} is already used by GroupId ${other.GroupId} in region ${ctx.region}; names are unique per region.`,
        );
      }
    }
    const descriptions = applyInfos(group.GroupExDescriptions, infos);
    ctx.store.replace({
      ...group,
      GroupName: (name as string | undefined) ?? group.GroupName,
      Tag: (params.Tag as string | undefined | null) ?? group.Tag,
      GroupExDescriptions: descriptions,
      UpdateTimestamp: ctx.now(),
    });
    return {};
  },
};

function invalid(message: string): ApiError {
  return new ApiError("InvalidParameter.InvalidParameter", message);
}

function parseInfos(value: unknown): DescriptionInfo[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw invalid(`GroupExDescriptionInfos must be a list of {GroupExDescriptionIndex, GroupExDescription} (got ${JSON.stringify(value)}).`);
  }
  return value.map((item, i) => {
    const where = `GroupExDescriptionInfos.${i}`;
    if (!isObject(item)) throw invalid(`${where} must be an object {GroupExDescriptionIndex, GroupExDescription}.`);
    checkKnownFields(item, INFO_FIELDS, `${where}.`);
    const index = item.GroupExDescriptionIndex;
    if (index === undefined || index === null) {
      throw new ApiError("MissingParameter.ErrorParameterEmpty", `${where}.GroupExDescriptionIndex is required.`);
    }
    if (typeof index !== "number" || !Number.isInteger(index) || index < 0) {
      throw invalid(`${where}.GroupExDescriptionIndex must be an integer ≥ 0 (got ${JSON.stringify(index)}).`);
    }
    if (item.GroupExDescription === undefined || item.GroupExDescription === null) {
      throw new ApiError("MissingParameter.ErrorParameterEmpty", `${where}.GroupExDescription is required.`);
    }
    throwFirst(checkExDescription(item.GroupExDescription, index));
    return { index, name: item.GroupExDescription as string };
  });
}

function applyInfos(current: readonly string[], infos: DescriptionInfo[]): string[] {
  const next = [...current];
  const sorted = [...infos].sort((a, b) => a.index - b.index);
  sorted.forEach((info, i) => {
    if (i > 0 && sorted[i - 1].index === info.index) {
      throw invalid(`GroupExDescriptionIndex ${info.index} appears more than once.`);
    }
    if (info.index < next.length) next[info.index] = info.name;
    else if (info.index === next.length) next.push(info.name);
    else {
      throw invalid(
        `GroupExDescriptionIndex ${info.index} leaves a gap: the group has ${next.length} field(s), so indexes ` +
          `0–${next.length - 1} rename a field and ${next.length} appends one.`,
      );
    }
  });
  // The documented list rules, once; a repeated name here is the ModifyGroup-specific code.
  const violations: RuleViolation[] = checkExDescriptions(next).map((v) =>
    v.code === "InvalidParameterValue.GroupExDescriptionsNameIdentical" ? { ...v, code: "FailedOperation.DuplicatedGroupDescription" } : v,
  );
  throwFirst(violations);
  return next;
}
