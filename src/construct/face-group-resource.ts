/**
 * The `tencentcloudiai_face_group` resource, hand-written (no `cdktf get`): the provider is this package's own, so
 * its schema is known here. Attributes are written with defaults applied, so the plan shows every field.
 * {@link FaceGroup} is this resource (one construct per group); this class keeps the rendering apart from the
 * construct's props, defaults and validation.
 */
import { TerraformMetaArguments, TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { FACE_GROUP_TYPE } from "../provider/address";
import { hclAttribute } from "./reference-support";

/** The configured attributes of a face group resource (snake_case, as in cdk.tf.json). */
export interface FaceGroupResourceConfig extends TerraformMetaArguments {
  /** GroupId. */
  readonly group_id: unknown;
  /** GroupName. */
  readonly group_name: unknown;
  /** GroupExDescriptions. */
  readonly group_ex_descriptions: unknown;
  /** Tag. */
  readonly tag: unknown;
  /** FaceModelVersion. */
  readonly face_model_version: unknown;
  /** Region. */
  readonly region: unknown;
  /** `retain` or `destroy`. */
  readonly removal_policy: unknown;
}

/** The attribute keys, in the order they are written. */
const KEYS = ["group_id", "group_name", "group_ex_descriptions", "tag", "face_model_version", "region", "removal_policy"] as const;

/** A `tencentcloudiai_face_group` resource (the base of {@link FaceGroup}). */
export class FaceGroupResource extends TerraformResource {
  /** The Terraform resource type (also what cdktf's test matchers look for). */
  static readonly tfResourceType = FACE_GROUP_TYPE;

  private readonly attributes: FaceGroupResourceConfig;

  /**
   * @param scope the construct scope
   * @param id the construct id
   * @param config the attributes, as written to cdk.tf.json, and Terraform meta-arguments
   */
  constructor(scope: Construct, id: string, config: FaceGroupResourceConfig) {
    super(scope, id, { terraformResourceType: FACE_GROUP_TYPE, ...config });
    this.attributes = config;
  }

  /** Renders the resource for cdk.tf.json (after {@link checkBeforeRender}). */
  toTerraform(): unknown {
    this.checkBeforeRender();
    return super.toTerraform();
  }

  /** Renders the resource for HCL output (after {@link checkBeforeRender}). */
  toHclTerraform(): unknown {
    this.checkBeforeRender();
    return super.toHclTerraform();
  }

  /** Called before the resource is rendered; throws to refuse synthesizing it. The base accepts everything. */
  protected checkBeforeRender(): void {}

  protected synthesizeAttributes(): Record<string, unknown> {
    return Object.fromEntries(KEYS.map((k) => [k, this.attributes[k]]));
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return Object.fromEntries(KEYS.map((k) => [k, hclAttribute(this.attributes[k], k === "group_ex_descriptions" ? "stringList" : "string")]));
  }
}
