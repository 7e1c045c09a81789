/**
 * Terraform's built-in `terraform_data` resource (Terraform >= 1.4; no provider to download), as small as the
 * FaceGroup needs. cdktf's own `DataResource` would do the same but adds a `terraform version` subprocess to the
 * validation of every instance; the stack needs that check once, not twice per group.
 */
import { TerraformMetaArguments, TerraformResource, anyToHclTerraform, anyToTerraform, hashMapper, hashMapperHcl } from "cdktf";
import { Construct } from "constructs";

/** Configuration of a `terraform_data` resource. */
export interface TerraformDataConfig extends TerraformMetaArguments {
  /** Stored in state and shown in plans; a change is an in-place update. */
  readonly input: Readonly<Record<string, unknown>>;
  /** A change of any of these replaces the resource (destroy, then create). */
  readonly triggersReplace: Readonly<Record<string, unknown>>;
}

/** A `terraform_data` resource with a fixed Terraform name. */
export class TerraformData extends TerraformResource {
  /** The Terraform resource type (also what cdktf's test matchers look for). */
  static readonly tfResourceType = "terraform_data";

  private readonly config: TerraformDataConfig;

  /**
   * @param name the Terraform resource name (`terraform_data.<name>`), kept stable so that upgrading the library
   *   never renames (and so replaces) an existing resource.
   * @param guard called before the resource is rendered; throws to refuse synthesizing it.
   */
  constructor(
    scope: Construct,
    id: string,
    name: string,
    config: TerraformDataConfig,
    private readonly guard: () => void = () => undefined,
  ) {
    super(scope, id, { terraformResourceType: TerraformData.tfResourceType, ...config });
    this.config = config;
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

  /** The resource's id, a reference (a new random id whenever the resource is replaced). */
  get id(): string {
    return this.getStringAttribute("id");
  }

  /** A reference to an attribute of the `input` object, e.g. `input.group_id` (known at plan, unlike `output`). */
  inputAttribute(key: string): string {
    return this.getStringAttribute(`input.${key}`);
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return {
      input: hashMapper(anyToTerraform)(this.config.input),
      triggers_replace: hashMapper(anyToTerraform)(this.config.triggersReplace),
    };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return {
      input: hashMapperHcl(anyToHclTerraform)(this.config.input),
      triggers_replace: hashMapperHcl(anyToHclTerraform)(this.config.triggersReplace),
    };
  }
}
