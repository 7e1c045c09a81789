/**
 * The `tencentcloudiai_face_groups` data source: the groups of a region, optionally those whose name starts with a
 * prefix (the API has no name filter: every page is read and the filter applied here). Paging goes through the
 * session's calls, so the rate limit, retries and the deadline apply to each page.
 *
 * A walk of Offset pages is not a snapshot: a group created or deleted meanwhile shifts later pages, which can skip or
 * repeat a group. Repeats are merged by GroupId; a walk whose pages told different GroupNums, whose distinct groups
 * differ from it, or whose Offset fell past the end is walked again, up to {@link MAX_WALKS} times, and the answer
 * then says that it may be incomplete — an audit must not take a shifted listing for the account. (A deletion and a
 * creation between the same two pages can still cancel out in GroupNum: without a snapshot API, a listing during
 * changes is the best the API allows.)
 */
import { LIMITS, charCount, truncateForMessage } from "../../api/rules";
import { Api, isCode, toLiveGroup } from "../../handler/converge";
import { LiveGroup } from "../../handler/diff";
import { describeFailure } from "../../handler/errors";
import { Diagnostic, ReadDataSourceResponse, TfObject } from "../protocol/types";
import { dataRegion } from "./data-group";
import { groupFields } from "./state";
import { validateGroupConfig } from "./validate";
import { Session } from "./session";

/** Walks of the whole region before a listing that keeps changing is returned with a warning. */
export const MAX_WALKS = 3;

const OFFSET_EXCEED = "InvalidParameterValue.OffsetExceed";

/** ValidateDataResourceConfig of `tencentcloudiai_face_groups`: region and name_prefix, before any call. */
export function validateGroupsData(config: TfObject): Diagnostic[] {
  const out = validateGroupConfig(config, ["region"]);
  const prefix = config.name_prefix;
  if (typeof prefix === "string" && charCount(prefix) > LIMITS.groupNameMaxChars) {
    out.push({
      severity: "error",
      summary: "Invalid name_prefix",
      detail: `name_prefix '${truncateForMessage(prefix)}' is ${charCount(prefix)} characters long, but a group name has at most ${LIMITS.groupNameMaxChars}, so no group could match; shorten it`,
      attribute: [{ attribute: "name_prefix" }],
    });
  }
  return out;
}

/**
 * One walk over every page: the distinct groups, and whether the walk saw one unchanged region — every page told the
 * same GroupNum (a group created or deleted between two pages changes it) and the distinct groups add up to it.
 */
async function walk(api: Api): Promise<{ groups: Map<string, LiveGroup>; settled: boolean }> {
  const groups = new Map<string, LiveGroup>();
  let offset = 0;
  let first: number | undefined;
  let steady = true;
  for (;;) {
    let r: Record<string, unknown>;
    try {
      r = await api.call("GetGroupList", { Offset: offset, Limit: LIMITS.listMaxLimit });
    } catch (e) {
      // Groups were deleted behind the walk: the Offset is past the new end.
      if (isCode(e, OFFSET_EXCEED)) return { groups, settled: false };
      throw e;
    }
    const infos = Array.isArray(r.GroupInfos) ? (r.GroupInfos as Record<string, unknown>[]) : [];
    for (const info of infos) if (typeof info.GroupId === "string") groups.set(info.GroupId, toLiveGroup(info, info.GroupId));
    offset += infos.length;
    const total = typeof r.GroupNum === "number" ? r.GroupNum : undefined;
    first ??= total;
    steady &&= total === first;
    if (infos.length < LIMITS.listMaxLimit || total === undefined || offset >= total) {
      return { groups, settled: total === undefined || (steady && total === groups.size) };
    }
  }
}

/** Every group of the region: walks until one adds up (at most {@link MAX_WALKS}). */
export async function listRegion(api: Api): Promise<{ groups: LiveGroup[]; settled: boolean }> {
  let last = await walk(api);
  for (let n = 1; n < MAX_WALKS && !last.settled; n++) last = await walk(api);
  return { groups: [...last.groups.values()], settled: last.settled };
}

/** ReadDataSource of `tencentcloudiai_face_groups`. */
export async function readGroupsData(config: TfObject, session: Session): Promise<ReadDataSourceResponse> {
  const problems = validateGroupsData(config);
  if (problems.length > 0) return { state: null, diagnostics: problems };
  const region = dataRegion(config, session);
  if (typeof region !== "string") return { state: null, diagnostics: [region] };
  const prefix = typeof config.name_prefix === "string" ? config.name_prefix : "";
  try {
    const { api } = await session.region(region);
    const { groups, settled } = await listRegion(api);
    const matching = groups.filter((g) => g.GroupName.startsWith(prefix)).sort((a, b) => (a.GroupId < b.GroupId ? -1 : a.GroupId > b.GroupId ? 1 : 0));
    const state: TfObject = {
      id: prefix === "" ? region : `${region}/${prefix}`,
      region,
      name_prefix: config.name_prefix ?? null,
      groups: matching.map((g) => ({ group_id: g.GroupId, ...groupFields(g) })),
      group_ids: matching.map((g) => g.GroupId),
    };
    const diagnostics: Diagnostic[] = settled
      ? []
      : [
          {
            severity: "warning",
            summary: `The face groups of ${region} kept changing while they were listed`,
            detail:
              `groups were created or deleted during each of ${MAX_WALKS} walks over the GetGroupList pages, so the list may miss or still hold ` +
              "a group that changed meanwhile; run the plan again once the changes are over",
          },
        ];
    return { state, diagnostics };
  } catch (e) {
    const detail = session.redactor.apply(describeFailure(e, "-"));
    return { state: null, diagnostics: [{ severity: "error", summary: `Cannot list the face groups of ${region}`, detail }] };
  }
}
