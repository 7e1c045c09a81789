/**
 * The group lifecycle the provider's apply uses: `createOrAdopt` creates the group or adopts an existing one,
 * `destroyGroup` deletes it.
 *
 * createOrAdopt: CreateGroup first — the group is new in the normal case, so one call. GroupIdAlreadyExist (a group
 * made outside Terraform, a race, or a retry whose first answer was lost) means it is there after all: read it, refuse
 * if the model version differs, else one ModifyGroup of what differs (or nothing). destroyGroup: DeleteGroup;
 * GroupIdNotExist counts as deleted.
 */
import { SettingsSpec } from "../api/face-group-spec";
import { LiveGroup, planConvergence } from "./diff";
import { ApiError, Refusal } from "./errors";
import { IaiResponse } from "./iai-client";

/** The API as the lifecycle sees it: a call that retries transient failures and throws the final `ApiError`. */
export interface Api {
  /** `onSend` runs just before each attempt goes out (after any rate-limit wait). */
  call(action: string, params: object, onSend?: () => void): Promise<IaiResponse>;
}

/** The code of "no such group" (GetGroupInfo, ModifyGroup, DeleteGroup). */
export const NOT_EXIST = "InvalidParameterValue.GroupIdNotExist";
/** The code of "a group with this GroupId exists" (CreateGroup). */
export const ALREADY_EXIST = "InvalidParameterValue.GroupIdAlreadyExist";

/** True when `e` is the API's answer `code`. */
export function isCode(e: unknown, code: string): boolean {
  return e instanceof ApiError && e.code === code;
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** A GetGroupInfo answer or a GetGroupList entry, normalized (absent fields → "", [], 0). */
export function toLiveGroup(r: Record<string, unknown>, groupId: string): LiveGroup {
  return {
    GroupId: str(r.GroupId) || groupId,
    GroupName: str(r.GroupName),
    GroupExDescriptions: Array.isArray(r.GroupExDescriptions) ? r.GroupExDescriptions.map(str) : [],
    Tag: str(r.Tag),
    FaceModelVersion: str(r.FaceModelVersion),
    CreationTimestamp: typeof r.CreationTimestamp === "number" ? r.CreationTimestamp : Number(r.CreationTimestamp) || 0,
  };
}

/** GetGroupInfo, normalized; `undefined` when the group does not exist. */
export async function describe(api: Api, groupId: string): Promise<LiveGroup | undefined> {
  try {
    return toLiveGroup(await api.call("GetGroupInfo", { GroupId: groupId }), groupId);
  } catch (e) {
    if (isCode(e, NOT_EXIST)) return undefined;
    throw e;
  }
}

/** The CreateGroup request for `spec` (empty optional fields left out). */
function createRequest(spec: SettingsSpec): object {
  return {
    GroupId: spec.group_id,
    GroupName: spec.group_name,
    GroupExDescriptions: spec.group_ex_descriptions.length > 0 ? spec.group_ex_descriptions : undefined,
    Tag: spec.tag !== "" ? spec.tag : undefined,
    FaceModelVersion: spec.face_model_version,
  };
}

/** Converges an existing group (refusals before any write): one ModifyGroup of what differs, or none. */
async function adopt(api: Api, spec: SettingsSpec, live: LiveGroup): Promise<void> {
  const plan = planConvergence(spec, live);
  if (plan) await api.call("ModifyGroup", plan.request);
}

/** GetGroupInfo after GroupIdAlreadyExist: the group must be there. */
async function describeExisting(api: Api, spec: SettingsSpec): Promise<LiveGroup> {
  const live = await describe(api, spec.group_id);
  if (!live) throw new Refusal("CreateGroup says the group exists but GetGroupInfo says it does not (deleted meanwhile?); run the deploy again");
  return live;
}

/**
 * CreateGroup first (one call in the normal case); on GroupIdAlreadyExist reads the group, refuses a different
 * model version, else adopts it with one ModifyGroup of what differs (or none).
 * @returns the group as read before adopting it; undefined when CreateGroup created it
 */
export async function createOrAdopt(api: Api, spec: SettingsSpec): Promise<LiveGroup | undefined> {
  try {
    await api.call("CreateGroup", createRequest(spec));
    return undefined;
  } catch (e) {
    if (!isCode(e, ALREADY_EXIST)) throw e;
  }
  const live = await describeExisting(api, spec);
  await adopt(api, spec, live);
  return live;
}

/** Deletes the group (removal policy destroy); a group already gone counts as deleted. */
export async function destroyGroup(api: Api, groupId: string): Promise<void> {
  try {
    await api.call("DeleteGroup", { GroupId: groupId });
  } catch (e) {
    if (!isCode(e, NOT_EXIST)) throw e;
  }
}
