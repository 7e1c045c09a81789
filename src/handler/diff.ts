/**
 * From a live group and its declaration to the one ModifyGroup that converges them — or a refusal, decided before
 * any write, when the API cannot make the change. Pure: no I/O.
 *
 * Description fields are stored by position: each person's description values are kept per index, and ModifyGroup
 * can only rename the field at an index or set a new index at the end. So a declaration may rename fields in place
 * and append, but not remove a field or move an existing name to another index (that would relabel persons' data).
 */
import { SettingsSpec } from "../api/face-group-spec";
import { quoted as q, truncateForMessage } from "../api/rules";
import { Refusal } from "./errors";

/** The group as GetGroupInfo describes it (absent fields normalized to "" and []). */
export interface LiveGroup {
  readonly GroupId: string;
  readonly GroupName: string;
  readonly GroupExDescriptions: readonly string[];
  readonly Tag: string;
  readonly FaceModelVersion: string;
  /** Epoch ms (0 when the answer had none). */
  readonly CreationTimestamp?: number;
}

/** A ModifyGroup request: only the fields that differ. */
export interface ModifyGroupRequest {
  GroupId: string;
  GroupName?: string;
  Tag?: string;
  GroupExDescriptionInfos?: { GroupExDescriptionIndex: number; GroupExDescription: string }[];
}

/** The write that converges the group, and the changes in words. */
export interface ModifyPlan {
  readonly request: ModifyGroupRequest;
  readonly changes: readonly string[];
}

const list = (l: readonly string[]) => truncateForMessage(l);

/** Why the declared descriptions cannot be reached from the live ones (empty when they can). */
export function descriptionProblems(declared: readonly string[], live: readonly string[]): string[] {
  const problems: string[] = [];
  if (declared.length < live.length) {
    problems.push(
      `the live group has ${live.length} description field(s) ${list(live)} but the FaceGroup declares ${declared.length} ${list(declared)}; ` +
        "the API cannot delete description fields (ModifyGroup renames a field at its index or appends one). " +
        `Declare all ${live.length} existing fields (renaming in place is fine) and append new ones at the end, or use a new groupId`,
    );
  }
  live.forEach((name, i) => {
    const j = declared.indexOf(name);
    if (j !== -1 && j !== i) {
      problems.push(
        `description field ${q(name)} is at index ${i} in the live group but declared at index ${j}; fields are stored by ` +
          "position (persons' values are kept per index), so moving one would relabel data. Keep existing fields at their " +
          "positions and append new ones at the end",
      );
    }
  });
  return problems;
}

/**
 * The ModifyGroup that makes `live` match `spec`, `undefined` when they already match.
 * @throws Refusal when the live group cannot be adopted (other model version) or reached (descriptions)
 */
export function planConvergence(spec: SettingsSpec, live: LiveGroup): ModifyPlan | undefined {
  if (live.FaceModelVersion !== spec.face_model_version) {
    throw new Refusal(
      `the group exists in ${spec.region} with FaceModelVersion "${live.FaceModelVersion}" but the FaceGroup declares ` +
        `"${spec.face_model_version}"; refusing to adopt it (ModifyGroup cannot change the model version; nothing was written). ` +
        `Declare faceModelVersion "${live.FaceModelVersion}" to manage the existing group, upgrade it first ` +
        "(UpgradeGroupFaceModelVersion), or use another groupId",
    );
  }
  const problems = descriptionProblems(spec.group_ex_descriptions, live.GroupExDescriptions);
  if (problems.length > 0) throw new Refusal(`${problems.join("; ")}. Nothing was written`);

  const request: ModifyGroupRequest = { GroupId: spec.group_id };
  const changes: string[] = [];
  if (live.GroupName !== spec.group_name) {
    request.GroupName = spec.group_name;
    changes.push(`GroupName ${q(live.GroupName)} → ${q(spec.group_name)}`);
  }
  if (live.Tag !== spec.tag) {
    request.Tag = spec.tag;
    changes.push(`Tag ${q(live.Tag)} → ${q(spec.tag)}`);
  }
  const infos = spec.group_ex_descriptions.flatMap((name, i) => {
    if (live.GroupExDescriptions[i] === name) return [];
    changes.push(
      i < live.GroupExDescriptions.length
        ? `GroupExDescriptions[${i}] ${q(live.GroupExDescriptions[i])} → ${q(name)}`
        : `GroupExDescriptions[${i}] added ${q(name)}`,
    );
    return [{ GroupExDescriptionIndex: i, GroupExDescription: name }];
  });
  if (infos.length > 0) request.GroupExDescriptionInfos = infos;
  return changes.length > 0 ? { request, changes } : undefined;
}
