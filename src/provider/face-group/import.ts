/**
 * ImportResourceState: `terraform import` / `import {}` ids are `GROUP_ID` (in the provider's region) or
 * `REGION/GROUP_ID` (a GroupId cannot contain "/"). The stub state names the group; Terraform then reads it
 * (read.ts) for everything else, and a group that does not exist fails the import there. Import never opts into
 * deletion: removal_policy is "retain" until the configuration says otherwise.
 */
import { checkRegion } from "../../api/face-group-spec";
import { checkGroupId, truncateForMessage } from "../../api/rules";
import { FACE_GROUP_TYPE } from "../address";
import { ImportResourceStateRequest, ImportResourceStateResponse, isUnknown, TfObject, Unknown } from "../protocol/types";
import { groupResourceId } from "./state";

const FORMATS = `"GROUP_ID" (in the provider's region) or "REGION/GROUP_ID", e.g. "ap-guangzhou/TencentShenZhenEmployee"`;

/** ImportResourceState for the face group resource. */
export function importGroup(req: ImportResourceStateRequest, providerRegion: string | Unknown): ImportResourceStateResponse {
  const parts = req.id.split("/");
  const fail = (why: string): ImportResourceStateResponse => ({
    importedResources: [],
    diagnostics: [{ severity: "error", summary: "Invalid import id", detail: `import id '${truncateForMessage(req.id)}' ${why}; the accepted formats are ${FORMATS}` }],
  });
  if (parts.length > 2) return fail("has more than one \"/\" (a GroupId cannot contain one)");
  const groupId = parts[parts.length - 1];
  const region = parts.length === 2 ? parts[0] : providerRegion;
  if (isUnknown(region)) return fail("names no region and the provider's region is not known yet");
  const problems = [...checkRegion(region).map((v) => `region: ${v.rule}`), ...checkGroupId(groupId).map((v) => `GroupId: ${v.rule}`)];
  if (problems.length > 0) return fail(`is not valid (${problems.join("; ")})`);
  const state: TfObject = {
    id: groupResourceId(region, groupId),
    group_id: groupId,
    group_name: null,
    group_ex_descriptions: null,
    tag: null,
    face_model_version: null,
    region,
    removal_policy: "retain",
  };
  return { importedResources: [{ typeName: FACE_GROUP_TYPE, state }], diagnostics: [] };
}
