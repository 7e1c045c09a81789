/**
 * The `tencentcloudiai_face_group` resource, hand-written (no `cdktf get`): the provider is this package's own, so
 * its schema is known here. Attributes are written with defaults applied, so the plan shows every field.
 */
import { TerraformMetaArguments, TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { FACE_GROUP_TYPE } from "../provider/address";

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

/** A `tencentcloudiai_face_group` resource with a fixed Terraform name. */
export class FaceGroupResource extends TerraformResource {
  /** The Terraform resource type (also what cdktf's test matchers look for). */
  static readonly tfResourceType = FACE_GROUP_TYPE;

  private readonly attributes: FaceGroupResourceConfig;

  /**
   * @param name the Terraform resource name (`tencentcloudiai_face_group.<name>`), kept stable so that upgrading
   *   the library never renames (and so replaces) an existing resource.
   * @param guard called before the resource is rendered; throws to refuse synthesizing it.
   */
  constructor(
    scope: Construct,
    id: string,
    name: string,
    config: FaceGroupResourceConfig,
    private readonly guard: () => void = () => undefined,
  ) {
    super(scope, id, { terraformResourceType: FACE_GROUP_TYPE, ...config });
    this.attributes = config;
    this.overrideLogicalId(name);
  }

  /** Renders the resource for cdk.tf.json (after the guard). */
  toTerraform(): unknown {
    this.guard();
    return super.toTerraform();
  }

  /** Renders the resource for HCL output (after the guard). */
  toHclTerraform(): unknown {
    this.guard();
    return super.toHclTerraform();
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return Object.fromEntries(KEYS.map((k) => [k, this.attributes[k]]));
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    const simple = (value: unknown, list: boolean) => ({ value, isBlock: false, type: list ? "list" : "simple", storageClassType: list ? "stringList" : "string" });
    return Object.fromEntries(KEYS.map((k) => [k, simple(this.attributes[k], k === "group_ex_descriptions")]));
  }
}
