/**
 * The schemas of the two data sources, for groups Terraform does not manage: `tencentcloudiai_face_group` (one group
 * by GroupId, the same type name as the resource, as Terraform providers do) and `tencentcloudiai_face_groups` (the
 * groups of a region). Every attribute is described: `terraform providers schema -json` and the docs show these.
 */
import { LIMITS } from "../../api/rules";
import { CtyType, Schema, SchemaAttribute } from "../protocol/types";

/** The fields of a group, as the data sources return them (computed), in the resource's attribute names. */
const GROUP_FIELDS: readonly SchemaAttribute[] = [
  { name: "group_name", type: "string", computed: true, description: "GroupName: the group's name (unique in its region)." },
  {
    name: "group_ex_descriptions",
    type: ["list", "string"],
    computed: true,
    description: "GroupExDescriptions: the names of the persons' custom description fields, in their stored order ([] when none).",
  },
  { name: "tag", type: "string", computed: true, description: 'Tag: the group\'s note ("" when none).' },
  { name: "face_model_version", type: "string", computed: true, description: 'FaceModelVersion: the face recognition model of the group, "2.0" or "3.0".' },
  { name: "creation_timestamp", type: "number", computed: true, description: "When the group was created, epoch milliseconds (CreationTimestamp of the API)." },
];

/** One group by id. */
export const FACE_GROUP_DATA_SCHEMA: Schema = {
  version: 0,
  description:
    "Reads one existing Tencent Cloud Face Recognition (IAI) face group by GroupId (GetGroupList / GetGroupInfo), typically one Terraform does not " +
    "manage. Every field is known at plan time; a group that does not exist fails the plan.",
  attributes: [
    { name: "id", type: "string", computed: true, description: "`<region>/<group_id>`, the same id the tencentcloudiai_face_group resource has." },
    {
      name: "group_id",
      type: "string",
      required: true,
      description: `GroupId of the group to read: letters, digits and -%@#&_, at most ${LIMITS.groupIdMaxBytes} bytes. The group must exist in the region.`,
    },
    { name: "region", type: "string", optional: true, computed: true, description: "Region of the group. Default: the provider's region." },
    ...GROUP_FIELDS,
  ],
};

/** The object type of one element of `groups`. */
const GROUP_OBJECT_TYPE: CtyType = ["object", Object.fromEntries([["group_id", "string"], ...GROUP_FIELDS.map((a) => [a.name, a.type])])];

/** The groups of a region. */
export const FACE_GROUPS_DATA_SCHEMA: Schema = {
  version: 0,
  description:
    "Lists the Tencent Cloud Face Recognition (IAI) face groups of a region (every GetGroupList page, 1,000 groups each), optionally only those whose " +
    "name starts with a prefix: for audits, and for `for_each` over groups Terraform does not manage.",
  attributes: [
    { name: "id", type: "string", computed: true, description: "`<region>` when every group is listed, `<region>/<name_prefix>` with a name_prefix." },
    { name: "region", type: "string", optional: true, computed: true, description: "Region whose groups are listed. Default: the provider's region." },
    {
      name: "name_prefix",
      type: "string",
      optional: true,
      description: `Only groups whose group_name starts with this text (case-sensitive; at most ${LIMITS.groupNameMaxChars} characters). Default: every group.`,
    },
    {
      name: "groups",
      type: ["list", GROUP_OBJECT_TYPE],
      computed: true,
      description:
        "The matching groups, ordered by group_id. Each has group_id (GroupId), group_name (GroupName), group_ex_descriptions (the description field " +
        'names, in order), tag (Tag, "" when none), face_model_version ("2.0" or "3.0") and creation_timestamp (epoch milliseconds).',
    },
    {
      name: "group_ids",
      type: ["list", "string"],
      computed: true,
      description: "The group_id of every matching group, ordered (`for_each = toset(data.tencentcloudiai_face_groups.x.group_ids)`).",
    },
  ],
};
