/**
 * FaceGroupList: the face groups of a region (the `tencentcloudiai_face_groups` data source), optionally only those
 * whose name starts with a prefix — for audits (outputs) and for iterating over groups this app does not manage
 * (`TerraformIterator.fromList(list.groupIds)`, or `fromComplexList(list.groups, "group_id")` for every field).
 * The provider reads every page of the region at plan time.
 */
import { IResolvable, TerraformDataSource, TerraformMetaArguments, Token } from "cdktf";
import { Construct } from "constructs";
import { DEFAULT_REGION } from "../api/face-group-spec";
import { LIMITS, charCount } from "../api/rules";
import { FACE_GROUPS_TYPE } from "../provider/address";
import { escapeForTerraform } from "./escape";
import { assertValidReference, hclAttribute } from "./reference-support";
import { TencentcloudIaiProvider } from "./provider";

/** Properties of a {@link FaceGroupList}. */
export interface FaceGroupListProps extends Omit<TerraformMetaArguments, "provider"> {
  /**
   * The region whose groups are listed.
   * @default "ap-guangzhou" (a FaceGroup's default too)
   */
  readonly region?: string;
  /**
   * Only groups whose name (GroupName) starts with this text (case-sensitive).
   * @default every group of the region
   */
  readonly namePrefix?: string;
}

/** The face groups of a region (the `tencentcloudiai_face_groups` data source). */
export class FaceGroupList extends TerraformDataSource {
  /** The Terraform data source type. */
  static readonly tfResourceType = FACE_GROUPS_TYPE;

  private readonly input: Record<string, string>;

  /**
   * @param scope a construct inside a TerraformStack
   * @param id the construct id
   * @param props the region and an optional name prefix
   */
  constructor(scope: Construct, id: string, props: FaceGroupListProps = {}) {
    const { region = DEFAULT_REGION, namePrefix, ...meta } = props;
    super(scope, id, { terraformResourceType: FACE_GROUPS_TYPE, ...meta });
    assertValidReference(this, "FaceGroupList", { region });
    if (typeof namePrefix === "string" && !Token.isUnresolved(namePrefix) && charCount(namePrefix) > LIMITS.groupNameMaxChars) {
      throw new Error(`Invalid FaceGroupList at ${this.node.path}: namePrefix is ${charCount(namePrefix)} characters long, but a group name has at most ${LIMITS.groupNameMaxChars}, so no group could match; shorten it`);
    }
    this.input = { region: escapeForTerraform(region), ...(namePrefix !== undefined ? { name_prefix: escapeForTerraform(namePrefix) } : {}) };
    TencentcloudIaiProvider.of(this);
  }

  /** The GroupId of every matching group, ordered (a list token, known at plan). */
  get groupIds(): string[] {
    return this.getListAttribute("group_ids");
  }

  /**
   * The matching groups, ordered by group_id: objects with group_id, group_name, group_ex_descriptions, tag,
   * face_model_version and creation_timestamp (for `TerraformIterator.fromComplexList(list.groups, "group_id")`).
   */
  get groups(): IResolvable {
    return this.interpolationForAttribute("groups");
  }

  /** The listed region. */
  get region(): string {
    return this.getStringAttribute("region");
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { ...this.input };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this.input).map(([k, v]) => [k, hclAttribute(v)]));
  }
}
