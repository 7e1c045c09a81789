/**
 * A read-only reference to an existing face group that this app does not manage: the `tencentcloudiai_face_group`
 * data source, made by {@link FaceGroup.fromGroupId}. Its attributes are the same getters a FaceGroup has
 * ({@link IFaceGroup}), so code that takes a group works with either; the provider reads the group at plan time, so
 * they are known in the plan, and a group that does not exist fails the plan, naming it.
 */
import { TerraformDataSource, TerraformMetaArguments } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { DEFAULT_REGION } from "../api/face-group-spec";
import { FACE_GROUP_TYPE } from "../provider/address";
import { escapeForTerraform } from "./escape";
import { TencentcloudIaiProvider } from "./provider";
import { assertValidReference, hclAttribute } from "./reference-support";

/** The attributes of a face group, whether this app manages it ({@link FaceGroup}) or only refers to it. */
export interface IFaceGroup extends IConstruct {
  /** The group's id (GroupId). */
  readonly groupId: string;
  /** The group's name (GroupName). */
  readonly groupName: string;
  /** The names of the group's description fields (GroupExDescriptions), in their stored order. */
  readonly groupExDescriptions: string[];
  /** The group's note (Tag). */
  readonly tag: string;
  /** The group's face model version (FaceModelVersion), "2.0" or "3.0". */
  readonly faceModelVersion: string;
  /** The group's region. */
  readonly region: string;
  /** The provider's identity of the group, `<region>/<groupId>`. */
  readonly id: string;
}

/** Options of {@link FaceGroup.fromGroupId}: the group's region, and Terraform meta-arguments (forEach, dependsOn…). */
export interface FaceGroupReferenceOptions extends Omit<TerraformMetaArguments, "provider"> {
  /**
   * The region of the group (the same GroupId in two regions is two groups).
   * @default "ap-guangzhou" (a FaceGroup's default too)
   */
  readonly region?: string;
}

/** A read-only reference to an existing face group (the `tencentcloudiai_face_group` data source). */
export class FaceGroupReference extends TerraformDataSource implements IFaceGroup {
  /** The Terraform data source type. */
  static readonly tfResourceType = FACE_GROUP_TYPE;

  private readonly input: { group_id: string; region: string };

  /**
   * Prefer {@link FaceGroup.fromGroupId}.
   * @param scope a construct inside a TerraformStack
   * @param id the construct id
   * @param groupId the GroupId of the existing group
   * @param options its region and meta-arguments
   */
  constructor(scope: Construct, id: string, groupId: string, options: FaceGroupReferenceOptions = {}) {
    const { region = DEFAULT_REGION, ...meta } = options;
    super(scope, id, { terraformResourceType: FACE_GROUP_TYPE, ...meta });
    assertValidReference(this, "FaceGroup.fromGroupId", { group_id: groupId, region });
    this.input = { group_id: escapeForTerraform(groupId), region: escapeForTerraform(region) };
    TencentcloudIaiProvider.of(this);
  }

  /** The group's id (GroupId). */
  get groupId(): string {
    return this.getStringAttribute("group_id");
  }

  /** The group's name (GroupName), read at plan. */
  get groupName(): string {
    return this.getStringAttribute("group_name");
  }

  /** The names of the group's description fields, read at plan. */
  get groupExDescriptions(): string[] {
    return this.getListAttribute("group_ex_descriptions");
  }

  /** The group's note (Tag), read at plan. */
  get tag(): string {
    return this.getStringAttribute("tag");
  }

  /** The group's model version, read at plan. */
  get faceModelVersion(): string {
    return this.getStringAttribute("face_model_version");
  }

  /** The group's region. */
  get region(): string {
    return this.getStringAttribute("region");
  }

  /**
   * When the group was created (ms since the epoch), read at plan. Only a reference has it: the FaceGroup resource
   * does not expose it (schema version 1); for a group the same stack creates, use
   * `FaceGroup.fromGroupId(this, id, group.groupId, { dependsOn: [group] })`.
   */
  get creationTimestamp(): number {
    return this.getNumberAttribute("creation_timestamp");
  }

  /** `<region>/<groupId>`, as a FaceGroup's id. */
  get id(): string {
    return this.getStringAttribute("id");
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { ...this.input };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return { group_id: hclAttribute(this.input.group_id), region: hclAttribute(this.input.region) };
  }
}
