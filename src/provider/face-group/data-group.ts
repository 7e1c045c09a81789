/**
 * The `tencentcloudiai_face_group` data source: one existing group by GroupId, read at plan time (Terraform reads a
 * data source during plan unless its configuration waits on a resource), so every field is known to whatever uses
 * it. A group that does not exist is an error at `group_id`, naming the group and the region: a reference to a group
 * that is not there is a mistake to fix, not an empty value to carry on with.
 *
 * The read is one GetGroupInfo (the authority): a data source often reads a group the same apply just created or
 * changed, which a listing that trails writes could show late or with its old values.
 */
import { truncateForMessage } from "../../api/rules";
import { describe } from "../../handler/converge";
import { Diagnostic, isUnknown, ReadDataSourceResponse, TfObject } from "../protocol/types";
import { failureDiagnostic } from "./diagnostics";
import { Session } from "./session";
import { groupFields, groupResourceId, str } from "./state";
import { validateGroupConfig } from "./validate";

/** The region a data source reads: its own, else the provider's; an error diagnostic when neither is known. */
export function dataRegion(config: TfObject, session: Session): string | Diagnostic {
  if (typeof config.region === "string") return config.region;
  const region = session.settings.region;
  if (!isUnknown(region)) return region;
  return {
    severity: "error",
    summary: "Region not known yet",
    detail: "the data source names no region and the provider's region depends on a resource that is not applied yet; set region on the data source, or apply that resource first",
    attribute: [{ attribute: "region" }],
  };
}

/** ValidateDataResourceConfig of `tencentcloudiai_face_group`: group_id and region, before any call. */
export function validateGroupData(config: TfObject): Diagnostic[] {
  return validateGroupConfig(config, ["group_id", "region"]);
}

function notFound(groupId: string, region: string): Diagnostic {
  const id = truncateForMessage(groupId);
  return {
    severity: "error",
    summary: `Face group '${id}' not found in ${region}`,
    detail:
      `no face group with GroupId '${id}' exists in region ${region} (the API answered GroupIdNotExist). Check group_id and region (the same GroupId in ` +
      "another region is another group) and the account of the credentials, or create the group first; a group this configuration also creates " +
      "is read after it exists only when the data source refers to it (e.g. group_id = tencentcloudiai_face_group.x.group_id).",
    attribute: [{ attribute: "group_id" }],
  };
}

/** ReadDataSource of `tencentcloudiai_face_group`. */
export async function readGroupData(config: TfObject, session: Session): Promise<ReadDataSourceResponse> {
  const problems = validateGroupData(config);
  if (problems.length > 0) return { state: null, diagnostics: problems };
  const region = dataRegion(config, session);
  if (typeof region !== "string") return { state: null, diagnostics: [region] };
  const groupId = str(config.group_id);
  try {
    const { api } = await session.region(region);
    const live = await describe(api, groupId);
    if (!live) return { state: null, diagnostics: [notFound(groupId, region)] };
    return { state: { id: groupResourceId(region, groupId), group_id: groupId, region, ...groupFields(live) }, diagnostics: [] };
  } catch (e) {
    return { state: null, diagnostics: [failureDiagnostic(e, "read", groupId, region, session.redactor)] };
  }
}
