/**
 * FaceGroup: one Tencent Cloud Face Recognition (IAI) group, declared in a cdktf stack.
 *
 * It is one `tencentcloudiai_face_group` resource, served by this package's own Terraform provider (the
 * stack's `tencentcloudiai` provider, added and installed once per stack by {@link TencentcloudIaiProvider}). The
 * provider plans honestly: a rename or a tag change is an in-place update, a new groupId, model or region a
 * replacement; it reads the live group, so drift shows and `terraform import` works.
 */
import { TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { DEFAULT_REGION, DEFAULT_REMOVAL_POLICY, SpecKey } from "../api/face-group-spec";
import { DEFAULT_FACE_MODEL_VERSION } from "../api/rules";
import { escapeForTerraform } from "./escape";
import { FaceGroupReference, FaceGroupReferenceOptions, IFaceGroup } from "./face-group-reference";
import { FaceGroupResource, FaceGroupResourceConfig } from "./face-group-resource";
import { TencentcloudIaiProvider } from "./provider";
import { RemovalPolicy } from "./removal-policy";
import { DeclaredGroup, GroupRegistry } from "./validation";

/** Properties of a {@link FaceGroup}. Every rule is checked at synth; values that are tokens, by the provider at plan. */
export interface FaceGroupProps {
  /**
   * The group's id (GroupId): letters, digits and `-%@#&_` only, at most 64 bytes; unique per region.
   * Immutable: changing it replaces the FaceGroup (a new group is created; the old one is kept or deleted as
   * `removalPolicy` says).
   */
  readonly groupId: string;
  /** The group's name (GroupName): 1–60 characters, unique per region. Changing it modifies the group in place. */
  readonly groupName: string;
  /**
   * Names of the group's custom description fields (GroupExDescriptions): at most 5, each 1–30 characters, unique.
   * Fields are stored by position, so the API can rename a field or append new ones but never delete or move one:
   * the provider refuses such a change before any write (only the live group tells, so this is checked at apply).
   * @default [] (no description fields)
   */
  readonly groupExDescriptions?: string[];
  /**
   * The group's note (Tag): 0–40 characters. Changing it modifies the group in place.
   * @default "" (no tag)
   */
  readonly tag?: string;
  /**
   * The face recognition model (FaceModelVersion): "2.0" or "3.0". Immutable: changing it replaces the FaceGroup.
   * @default "3.0"
   */
  readonly faceModelVersion?: string;
  /**
   * The Tencent Cloud region of the group. The same groupId in two regions is two groups. Immutable: changing it
   * replaces the FaceGroup.
   * @default "ap-guangzhou"
   */
  readonly region?: string;
  /**
   * What happens to the group when this FaceGroup is destroyed or replaced (see {@link RemovalPolicy}).
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

const FACE_GROUP_SYMBOL = Symbol.for("cdktf-tencentcloud-face-groups.FaceGroup");

/** snake_case of a construct id: `TencentEmployees` → `tencent_employees`. */
function snake(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
}

/** The Terraform resource name: the construct path inside its stack, in snake_case (`employees`). */
function terraformName(construct: IConstruct): string {
  const scopes = construct.node.scopes;
  const inStack = scopes.slice(scopes.indexOf(TerraformStack.of(construct)) + 1);
  const name = inStack.map((s) => snake(s.node.id)).filter((s) => s !== "").join("_") || "face_group";
  return /^[a-z_]/.test(name) ? name : `_${name}`;
}

/** The declared values by spec key, defaults applied. */
function declaredSpec(props: FaceGroupProps | undefined): Readonly<Record<SpecKey, unknown>> {
  const p: Partial<FaceGroupProps> = props ?? {};
  return {
    group_id: p.groupId,
    group_name: p.groupName,
    group_ex_descriptions: p.groupExDescriptions ?? [],
    tag: p.tag ?? "",
    face_model_version: p.faceModelVersion ?? DEFAULT_FACE_MODEL_VERSION,
    region: p.region ?? DEFAULT_REGION,
    removal_policy: p.removalPolicy ?? DEFAULT_REMOVAL_POLICY,
  };
}

/** The declared values as Terraform attributes: literal strings escaped (`$${`, `%%{`), tokens passed through. */
function terraformInput(d: Readonly<Record<SpecKey, unknown>>): FaceGroupResourceConfig {
  const e = escapeForTerraform;
  const list = d.group_ex_descriptions;
  // Spelled out (not mapped over the keys): it runs once per group, and thousands of groups are synthesized at once.
  return {
    group_id: e(d.group_id),
    group_name: e(d.group_name),
    group_ex_descriptions: Array.isArray(list) ? list.map(e) : e(list),
    tag: e(d.tag),
    face_model_version: e(d.face_model_version),
    region: e(d.region),
    removal_policy: e(d.removal_policy),
  };
}

/**
 * A Tencent Cloud IAI face group: itself the `tencentcloudiai_face_group` resource (one construct per group), so
 * cdktf's resource features work on it directly — `importFrom`, `moveTo`, `lifecycle`, `dependsOn`, `addOverride`.
 */
export class FaceGroup extends FaceGroupResource implements IFaceGroup {
  /**
   * A read-only reference to an existing group this app does not manage (the `tencentcloudiai_face_group` data
   * source), with the same attribute getters as a FaceGroup. The provider reads the group at plan time, so its fields
   * are known in the plan; a group that does not exist fails the plan, naming it and its region.
   * @param scope a construct inside a TerraformStack
   * @param id the construct id
   * @param groupId the GroupId of the existing group
   * @param options its region (default "ap-guangzhou", as a FaceGroup's) and Terraform meta-arguments
   */
  static fromGroupId(scope: Construct, id: string, groupId: string, options: FaceGroupReferenceOptions = {}): FaceGroupReference {
    return new FaceGroupReference(scope, id, groupId, options);
  }

  /** True when `x` is a FaceGroup (also across copies of this library). */
  static isFaceGroup(x: unknown): x is FaceGroup {
    return typeof x === "object" && x !== null && FACE_GROUP_SYMBOL in x;
  }

  /** The declared removal policy. @default RemovalPolicy.RETAIN */
  readonly removalPolicy: RemovalPolicy;

  private readonly registration: DeclaredGroup;

  /**
   * @param scope a construct inside a TerraformStack
   * @param id the construct id; it also names the Terraform resource, so keep it stable (renaming it replaces it)
   * @param props the group's declaration
   */
  constructor(scope: Construct, id: string, props: FaceGroupProps) {
    const declared = declaredSpec(props);
    super(scope, id, terraformInput(declared));
    Object.defineProperty(this, FACE_GROUP_SYMBOL, { value: true });
    this.removalPolicy = declared.removal_policy as RemovalPolicy;
    // Named by the construct path, as when the resource was a child `Resource` of the FaceGroup, so upgrading the
    // library never renames (and so replaces) an existing resource.
    const name = terraformName(this);
    this.overrideLogicalId(name);
    this.registration = { path: this.node.path, stackPath: TerraformStack.of(this).node.path, logicalIds: [name], spec: declared };
    const registry = GroupRegistry.of(this);
    registry.register(this.registration);
    TencentcloudIaiProvider.of(this);
    this.node.addValidation({ validate: () => [...registry.problemsOf(this.registration)] });
  }

  /** This FaceGroup: it is its resource now (kept so code written for a child resource still works). @deprecated use the FaceGroup */
  get resource(): FaceGroupResource {
    return this;
  }

  // Attribute references are created on first use: every cdktf token captures a stack trace, which made token
  // creation the largest single cost of synthesizing thousands of groups, and most groups are never referenced.

  /** The group's id, as a reference that orders dependents after the group exists (known at plan). */
  get groupId(): string {
    return this.getStringAttribute("group_id");
  }

  /** The group's name, as a reference (known at plan). */
  get groupName(): string {
    return this.getStringAttribute("group_name");
  }

  /** The names of the group's description fields, as a reference (known at plan). */
  get groupExDescriptions(): string[] {
    return this.getListAttribute("group_ex_descriptions");
  }

  /** The group's model version, as a reference (known at plan). */
  get faceModelVersion(): string {
    return this.getStringAttribute("face_model_version");
  }

  /** The group's region, as a reference (known at plan). */
  get region(): string {
    return this.getStringAttribute("region");
  }

  /** The group's tag, as a reference (known at plan). */
  get tag(): string {
    return this.getStringAttribute("tag");
  }

  /** The resource's id (the provider's identity of the group), known after apply. */
  get id(): string {
    return this.getStringAttribute("id");
  }

  /** Refuses to render an invalid group, even with validations skipped (all the app's problems in one error). */
  protected checkBeforeRender(): void {
    GroupRegistry.of(this).assertValid(this.registration);
  }
}
