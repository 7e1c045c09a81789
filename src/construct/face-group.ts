/**
 * FaceGroup: one Tencent Cloud Face Recognition (IAI) group, declared in a cdktf stack.
 *
 * It synthesizes two built-in `terraform_data` resources, so plans show every field by name and the change kind is
 * honest:
 * - `<name>` (identity): `group_id`, `face_model_version`, `region` — replaced when one of them changes — and
 *   `removal_policy` (an in-place update). Its destroy provisioner runs the handler's `delete`.
 * - `<name>_settings`: all fields; replaced when `group_name`, `tag` or `group_ex_descriptions` change or the
 *   identity is replaced. Its create provisioner runs the handler's `apply`, which converges the live group (creates
 *   it, or reads it and modifies only what differs). A rename therefore replaces only this part: no group is deleted.
 *
 * Values reach the handler as JSON in the `FACE_GROUP` environment variable, never in the command line.
 */
import { ITerraformDependable, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import {
  DEFAULT_REGION,
  DEFAULT_REMOVAL_POLICY,
  IDENTITY_KEYS,
  SETTINGS_KEYS,
  SpecKey,
} from "../api/face-group-spec";
import { DEFAULT_FACE_MODEL_VERSION } from "../api/rules";
import { escapeForTerraform } from "./escape";
import { handlerCommand } from "./handler-asset";
import { RemovalPolicy } from "./removal-policy";
import { TerraformData } from "./terraform-data";
import { DeclaredGroup, GroupRegistry } from "./validation";

/** Properties of a {@link FaceGroup}. Every rule is checked at synth; values that are tokens, at apply. */
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
   * the handler refuses such a change before any write (only the live group tells, so this is checked at apply).
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

/**
 * `FACE_GROUP = jsonencode(self.input)`: a destroy provisioner may read only `self`, so both parts pass their own
 * input. A plain Terraform expression: the same for every group, and `Fn.jsonencode` would cost a token per group.
 */
const HANDLER_ENVIRONMENT: Readonly<Record<string, string>> = { FACE_GROUP: "${jsonencode(self.input)}" };

/** snake_case of a construct id: `TencentEmployees` → `tencent_employees`. */
function snake(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
}

/** The Terraform name of the identity part: the construct path inside its stack, in snake_case (`employees`). */
function terraformName(scope: Construct): string {
  const scopes = scope.node.scopes;
  const inStack = scopes.slice(scopes.indexOf(TerraformStack.of(scope)) + 1);
  const name = inStack.map((s) => snake(s.node.id)).filter((s) => s !== "").join("_") || "face_group";
  return /^[a-z_]/.test(name) ? name : `_${name}`;
}

/** A Tencent Cloud IAI face group (see the module documentation for what it synthesizes). */
export class FaceGroup extends Construct implements ITerraformDependable {
  /** True when `x` is a FaceGroup (also across copies of this library). */
  static isFaceGroup(x: unknown): x is FaceGroup {
    return typeof x === "object" && x !== null && FACE_GROUP_SYMBOL in x;
  }

  /** The declared removal policy. @default RemovalPolicy.RETAIN */
  readonly removalPolicy: RemovalPolicy;
  /** The identity part (`terraform_data.<name>`), for escape hatches. */
  readonly identity: TerraformData;
  /** The settings part (`terraform_data.<name>_settings`), for escape hatches and `dependsOn`. */
  readonly settings: TerraformData;

  private readonly declared: Readonly<Record<SpecKey, unknown>>;

  /**
   * @param scope a construct inside a TerraformStack
   * @param id the construct id; it also names the Terraform resources, so keep it stable (renaming it replaces them)
   * @param props the group's declaration
   */
  constructor(scope: Construct, id: string, props: FaceGroupProps) {
    super(scope, id);
    Object.defineProperty(this, FACE_GROUP_SYMBOL, { value: true });
    const p: Partial<FaceGroupProps> = props ?? {};
    this.declared = {
      group_id: p.groupId,
      group_name: p.groupName,
      group_ex_descriptions: p.groupExDescriptions ?? [],
      tag: p.tag ?? "",
      face_model_version: p.faceModelVersion ?? DEFAULT_FACE_MODEL_VERSION,
      region: p.region ?? DEFAULT_REGION,
      removal_policy: p.removalPolicy ?? DEFAULT_REMOVAL_POLICY,
    };
    this.removalPolicy = this.declared.removal_policy as RemovalPolicy;
    const input = this.terraformInput();
    const pick = (keys: readonly SpecKey[]) => Object.fromEntries(keys.map((k) => [k, input[k]]));
    const name = terraformName(this);
    const registry = GroupRegistry.of(this);
    const registration: DeclaredGroup = {
      path: this.node.path,
      stackPath: TerraformStack.of(this).node.path,
      logicalIds: [name, `${name}_settings`],
      spec: this.declared,
    };
    registry.register(registration);

    this.identity = new TerraformData(this, "Identity", name, {
      input: pick(IDENTITY_KEYS),
      triggersReplace: pick(["group_id", "face_model_version", "region"]),
      provisioners: [{ type: "local-exec", when: "destroy", command: handlerCommand(this, "delete"), environment: { ...HANDLER_ENVIRONMENT } }],
    }, () => registry.assertValid(registration)); // refuses to render an invalid group even with validations skipped
    this.settings = new TerraformData(this, "Settings", `${name}_settings`, {
      input: pick(SETTINGS_KEYS),
      // A plain expression, not `this.identity.id`: every cdktf token captures a full stack trace, which made token
      // creation the largest single cost of synthesizing thousands of groups. Same JSON, same Terraform dependency.
      triggersReplace: { identity: `\${terraform_data.${name}.id}`, ...pick(["group_name", "group_ex_descriptions", "tag"]) },
      provisioners: [{ type: "local-exec", command: handlerCommand(this, "apply"), environment: { ...HANDLER_ENVIRONMENT } }],
    }); // the identity's guard already refuses the whole group

    this.node.addValidation({ validate: () => [...registry.problemsOf(registration)] });
  }

  // The attributes are references to the settings' *input*: known at plan (unlike `output`), and they order dependents
  // after the group is converged. Created on first use: a token costs a stack trace, and most groups are never referenced.

  /** The group's id, as a reference that orders dependents after the group exists (known at plan). */
  get groupId(): string {
    return this.settings.inputAttribute("group_id");
  }

  /** The group's model version, as a reference (known at plan). */
  get faceModelVersion(): string {
    return this.settings.inputAttribute("face_model_version");
  }

  /** The group's region, as a reference (known at plan). */
  get region(): string {
    return this.settings.inputAttribute("region");
  }

  /** The settings part's address, so `dependsOn: [faceGroup]` waits until the group has been converged. */
  get fqn(): string {
    return this.settings.fqn;
  }

  /** The declared values as Terraform input: literal strings escaped (`$${`, `%%{`), tokens passed through. */
  private terraformInput(): Record<SpecKey, unknown> {
    const d = this.declared;
    const list = d.group_ex_descriptions;
    return Object.fromEntries(
      (Object.keys(d) as SpecKey[]).map((k) => [k, k === "group_ex_descriptions" && Array.isArray(list) ? list.map(escapeForTerraform) : escapeForTerraform(d[k])]),
    ) as Record<SpecKey, unknown>;
  }
}
