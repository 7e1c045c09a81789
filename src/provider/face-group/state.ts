/**
 * The resource's values: attribute names, defaults, the id, and the conversions between Terraform objects and the
 * lifecycle's spec / live group. UpgradeResourceState lives here too (it only reshapes stored values).
 */
import { DEFAULT_REMOVAL_POLICY, RemovalPolicyValue, SettingsSpec } from "../../api/face-group-spec";
import { DEFAULT_FACE_MODEL_VERSION } from "../../api/rules";
import { LiveGroup } from "../../handler/diff";
import { FACE_GROUP_TYPE } from "../address";
import { containsUnknown, TfObject, TfValue, UNKNOWN, UpgradeResourceStateRequest, UpgradeResourceStateResponse } from "../protocol/types";
import { FACE_GROUP_SCHEMA, FACE_GROUP_SCHEMA_VERSION } from "./schema";

/** Attributes whose change replaces the group (the API cannot change them). */
export const REPLACING_ATTRIBUTES = ["group_id", "face_model_version", "region"] as const;

/** Defaults of the optional+computed attributes (region's is the provider's region). */
export const DEFAULTS = {
  group_ex_descriptions: [] as string[],
  tag: "",
  face_model_version: DEFAULT_FACE_MODEL_VERSION as string,
  removal_policy: DEFAULT_REMOVAL_POLICY as RemovalPolicyValue,
} as const;

/** The id: `<region>/<group_id>` (a GroupId cannot contain "/"), unknown while either part is. */
export function groupResourceId(region: TfValue, groupId: TfValue): TfValue {
  return typeof region === "string" && typeof groupId === "string" ? `${region}/${groupId}` : UNKNOWN;
}

/** A known string attribute, else `""`. */
export const str = (v: TfValue | undefined): string => (typeof v === "string" ? v : "");

/** A known list(string) attribute, else `[]`. */
export const strings = (v: TfValue | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** The removal policy of a state (absent or odd: retain, which never deletes). */
export const removalPolicyOf = (s: TfObject | null): RemovalPolicyValue => (s?.removal_policy === "destroy" ? "destroy" : "retain");

/** The spec the lifecycle converges to, from a wholly known planned state. */
export function toSpec(s: TfObject): SettingsSpec {
  return {
    group_id: str(s.group_id),
    group_name: str(s.group_name),
    group_ex_descriptions: strings(s.group_ex_descriptions),
    tag: str(s.tag),
    face_model_version: str(s.face_model_version),
    region: str(s.region),
  };
}

/** A state as the lifecycle's "live group" (what the group was when the state was last read or written). */
export function toLive(s: TfObject): LiveGroup {
  return {
    GroupId: str(s.group_id),
    GroupName: str(s.group_name),
    GroupExDescriptions: strings(s.group_ex_descriptions),
    Tag: str(s.tag),
    FaceModelVersion: str(s.face_model_version),
  };
}

/** The fields of a live group under the resource's attribute names. */
function resourceFields(live: LiveGroup): TfObject {
  return {
    group_name: live.GroupName,
    group_ex_descriptions: [...live.GroupExDescriptions],
    tag: live.Tag,
    face_model_version: live.FaceModelVersion,
  };
}

/** The fields of a live group as the data sources show them: the resource's, and creation_timestamp. */
export function groupFields(live: LiveGroup): TfObject {
  return { ...resourceFields(live), creation_timestamp: live.CreationTimestamp ?? 0 };
}

/** The state of a live group; identity (group_id, region, id) and removal_policy come from `known`. */
export function fromLive(known: TfObject, live: LiveGroup): TfObject {
  return {
    id: groupResourceId(known.region, known.group_id),
    group_id: known.group_id,
    region: known.region,
    removal_policy: removalPolicyOf(known),
    ...resourceFields(live),
  };
}

/** True when a value is present and wholly known (nothing in it is a plan's "known after apply"). */
export const known = (v: TfValue | undefined): boolean => v !== undefined && !containsUnknown(v);

/** Equality of two known values (strings, numbers, lists of strings): the one comparison plan and apply share. */
export const same = (a: TfValue | undefined, b: TfValue | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

const ATTRIBUTE_NAMES = FACE_GROUP_SCHEMA.attributes.map((a) => a.name);

/**
 * UpgradeResourceState: a stored object is decoded as is, attributes the schema does not know dropped (version 0's
 * creation_timestamp), missing ones null; a newer version was written by a newer provider and cannot be read back
 * safely.
 */
export function upgradeState(req: UpgradeResourceStateRequest): UpgradeResourceStateResponse {
  if (req.version > FACE_GROUP_SCHEMA_VERSION) {
    return {
      diagnostics: [
        {
          severity: "error",
          summary: "State written by a newer provider",
          detail:
            `this ${FACE_GROUP_TYPE} was stored with schema version ${req.version}, but this provider (cdktf-tencentcloud-face-groups) knows versions up to ` +
            `${FACE_GROUP_SCHEMA_VERSION}; upgrade cdktf-tencentcloud-face-groups to the version that wrote the state (downgrading would lose information)`,
        },
      ],
    };
  }
  const raw = req.rawState ?? {};
  const upgradedState = Object.fromEntries(ATTRIBUTE_NAMES.map((name) => [name, raw[name] ?? null])) as TfObject;
  return { diagnostics: [], upgradedState };
}
