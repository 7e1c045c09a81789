/**
 * Synth-time checks of FaceGroup declarations: every documented rule of each prop (through the shared check table
 * of src/api), and what only the whole app can tell — two FaceGroups naming the same group, or the same Terraform
 * resource name. Values that are unresolved tokens are left to the handler, which re-checks them before any call.
 */
import { Token } from "cdktf";
import { IConstruct } from "constructs";
import { DEFAULT_REGION, PROP_OF, SPEC_CHECKS, SpecKey, formatViolation } from "../api/face-group-spec";

/** What the uniqueness checks need to know of one declared group. */
export interface DeclaredGroup {
  /** The FaceGroup's construct path, e.g. `MyStack/Employees`. */
  readonly path: string;
  /** The path of its stack (Terraform names are unique per stack). */
  readonly stackPath: string;
  /** The Terraform resource names it synthesizes. */
  readonly logicalIds: readonly string[];
  readonly groupId: unknown;
  readonly groupName: unknown;
  readonly region: unknown;
}

function isToken(value: unknown): boolean {
  return Token.isUnresolved(value) || (Array.isArray(value) && value.some((v) => Token.isUnresolved(v)));
}

/** One message per violated rule of the declared props (spec keys → values), tokens skipped. */
export function checkDeclaredProps(spec: Readonly<Partial<Record<SpecKey, unknown>>>, path: string): string[] {
  return (Object.keys(spec) as SpecKey[])
    .filter((key) => !isToken(spec[key]))
    .flatMap((key) => SPEC_CHECKS[key](spec[key]))
    .map((v) => formatViolation(v, path));
}

interface Claim {
  /** One report per kind and earlier group (a name clash of both parts is one problem). */
  readonly kind: "id" | "name" | "tf";
  readonly key: string;
  readonly conflict: (first: DeclaredGroup) => string;
}

/** The things a group claims for itself; a second group with the same claim is an error naming both. */
function claims(g: DeclaredGroup): Claim[] {
  const out: Claim[] = [];
  const region = g.region ?? DEFAULT_REGION;
  if (!isToken(region) && typeof region === "string") {
    if (typeof g.groupId === "string" && !isToken(g.groupId)) {
      out.push({
        kind: "id",
        key: `id\0${region}\0${g.groupId}`,
        conflict: (first) => `${PROP_OF.group_id} '${g.groupId}' at ${g.path}: already declared at ${first.path} in region ${region}; a GroupId names one group per region`,
      });
    }
    if (typeof g.groupName === "string" && !isToken(g.groupName)) {
      out.push({
        kind: "name",
        key: `name\0${region}\0${g.groupName}`,
        conflict: (first) => `${PROP_OF.group_name} '${g.groupName}' at ${g.path}: already used by ${first.path} in region ${region}; group names are unique per region`,
      });
    }
  }
  for (const id of g.logicalIds) {
    out.push({
      kind: "tf",
      key: `tf\0${g.stackPath}\0${id}`,
      conflict: (first) => `FaceGroup at ${g.path}: its Terraform resource name '${id}' is also produced by ${first.path}; give one of them another construct id`,
    });
  }
  return out;
}

/**
 * The FaceGroups of one app, in declaration order. The first declaration of a claim wins; later ones report the
 * conflict, so each duplicate is reported once. The index is built once per synth, not once per group.
 */
export class GroupRegistry {
  private static readonly byRoot = new WeakMap<IConstruct, GroupRegistry>();

  /** The registry of the app (construct tree root) that `scope` belongs to. */
  static of(scope: IConstruct): GroupRegistry {
    const root = scope.node.root;
    let registry = GroupRegistry.byRoot.get(root);
    if (!registry) {
      registry = new GroupRegistry();
      GroupRegistry.byRoot.set(root, registry);
    }
    return registry;
  }

  private readonly groups: DeclaredGroup[] = [];
  private index?: Map<string, DeclaredGroup>;

  /** Adds a group (called from the FaceGroup constructor). */
  register(group: DeclaredGroup): void {
    this.groups.push(group);
    this.index = undefined;
  }

  /** The conflicts of `group` with groups declared before it. */
  conflictsOf(group: DeclaredGroup): string[] {
    if (!this.index) {
      this.index = new Map();
      for (const g of this.groups) for (const c of claims(g)) if (!this.index.has(c.key)) this.index.set(c.key, g);
    }
    const index = this.index;
    const reported = new Set<string>();
    return claims(group).flatMap((c) => {
      const first = index.get(c.key);
      if (!first || first === group || reported.has(`${c.kind}\0${first.path}`)) return [];
      reported.add(`${c.kind}\0${first.path}`);
      return [c.conflict(first)];
    });
  }
}
