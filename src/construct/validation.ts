/**
 * Synth-time checks of FaceGroup declarations: every documented rule of each prop (through the shared check table
 * of src/api), and what only the whole app can tell — two FaceGroups naming the same group, or the same Terraform
 * resource name. Values that are unresolved tokens are left to the provider, which re-checks them at plan.
 */
import { Token } from "cdktf";
import { IConstruct } from "constructs";
import { DEFAULT_REGION, PROP_OF, SPEC_CHECKS, SpecKey, formatViolation } from "../api/face-group-spec";

/** What the checks need to know of one declared group. */
export interface DeclaredGroup {
  /** The FaceGroup's construct path, e.g. `MyStack/Employees`. */
  readonly path: string;
  /** The path of its stack (Terraform names are unique per stack). */
  readonly stackPath: string;
  /** The Terraform resource names it synthesizes. */
  readonly logicalIds: readonly string[];
  /** The declared values by spec key (defaults applied), as the construct received them. */
  readonly spec: Readonly<Record<SpecKey, unknown>>;
}

function isToken(value: unknown): boolean {
  if (typeof value === "string" && !value.includes("{")) return false; // every token marker has a `{`: cheap common case
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
  /** Where the value must be unique: the region (ids, names) or the stack path (Terraform names). */
  readonly scope: string;
  /** The claimed value: GroupId, group name or Terraform name. */
  readonly value: string;
}

/** The things a group claims for itself; a second group with the same claim is an error naming both. */
function claims(g: DeclaredGroup): Claim[] {
  const out: Claim[] = [];
  const { group_id: groupId, group_name: groupName } = g.spec;
  const region = g.spec.region ?? DEFAULT_REGION;
  if (typeof region === "string" && !isToken(region)) {
    if (typeof groupId === "string" && !isToken(groupId)) out.push({ kind: "id", scope: region, value: groupId });
    if (typeof groupName === "string" && !isToken(groupName)) out.push({ kind: "name", scope: region, value: groupName });
  }
  for (const id of g.logicalIds) out.push({ kind: "tf", scope: g.stackPath, value: id });
  return out;
}

/** The message for `g`'s claim `c`, taken already by `first`. */
function conflictMessage(c: Claim, g: DeclaredGroup, first: DeclaredGroup): string {
  switch (c.kind) {
    case "id":
      return `${PROP_OF.group_id} '${c.value}' at ${g.path}: already declared at ${first.path} in region ${c.scope}; a GroupId names one group per region`;
    case "name":
      return `${PROP_OF.group_name} '${c.value}' at ${g.path}: already used by ${first.path} in region ${c.scope}; group names are unique per region`;
    case "tf":
      return `FaceGroup at ${g.path}: its Terraform resource name '${c.value}' is also produced by ${first.path}; give one of them another construct id`;
  }
}

/** `n thing` / `n things`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * The FaceGroups of one app, in declaration order, and their problems. The first declaration of a claim wins; later
 * ones report the conflict, so each duplicate is reported once. The claim index and each group's problems are
 * computed once and kept until another group registers, so a synth of n groups costs O(n), however often cdktf
 * renders or validates them.
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
  /** The first group of each claim: kind and scope, then value (no composite key string per claim). */
  private index?: Map<string, Map<string, DeclaredGroup>>;
  private readonly problems = new Map<DeclaredGroup, readonly string[]>();
  /** Each group's claims, computed once (the index and the group's own check both need them). */
  private readonly claimed = new WeakMap<DeclaredGroup, Claim[]>();

  private claimsOf(g: DeclaredGroup): Claim[] {
    let c = this.claimed.get(g);
    if (!c) this.claimed.set(g, (c = claims(g)));
    return c;
  }

  /** Adds a group (called from the FaceGroup constructor); a new group can conflict with any, so caches reset. */
  register(group: DeclaredGroup): void {
    this.groups.push(group);
    this.index = undefined;
    this.problems.clear();
  }

  /** Every problem of `group`: its props' rules, then its conflicts with groups declared before it. */
  problemsOf(group: DeclaredGroup): readonly string[] {
    let found = this.problems.get(group);
    if (!found) {
      found = [...checkDeclaredProps(group.spec, group.path), ...this.conflictsOf(group)];
      this.problems.set(group, found);
    }
    return found;
  }

  /**
   * Throws when `group` has a problem, with the problems of every FaceGroup of the app in one message. cdktf renders
   * every resource (`prepareStack`) before it runs validations, so this guard, not the validation, is what a real
   * `app.synth()` reports; listing only `group` would make the user fix one group per synth.
   */
  assertValid(group: DeclaredGroup): void {
    if (this.problemsOf(group).length === 0) return;
    this.assertAllValid();
  }

  /** Throws when any FaceGroup of the app has a problem, with every problem in one message. */
  assertAllValid(): void {
    const invalid = this.groups.filter((g) => this.problemsOf(g).length > 0);
    if (invalid.length === 0) return;
    const lines = invalid.flatMap((g) => this.problemsOf(g).map((p) => `[${g.path}] ${p}`));
    throw new Error(`${count(lines.length, "problem")} in ${count(invalid.length, "FaceGroup")}; nothing was synthesized:\n  ${lines.join("\n  ")}`);
  }

  /** The conflicts of `group` with groups declared before it. */
  private conflictsOf(group: DeclaredGroup): string[] {
    const index = (this.index ??= this.buildIndex());
    const found: string[] = [];
    let reported: Set<string> | undefined; // created on the first conflict: most groups have none
    for (const c of this.claimsOf(group)) {
      const first = index.get(`${c.kind}\0${c.scope}`)?.get(c.value);
      if (!first || first === group || reported?.has(`${c.kind}\0${first.path}`)) continue;
      (reported ??= new Set()).add(`${c.kind}\0${first.path}`);
      found.push(conflictMessage(c, group, first));
    }
    return found;
  }

  private buildIndex(): Map<string, Map<string, DeclaredGroup>> {
    const index = new Map<string, Map<string, DeclaredGroup>>();
    for (const g of this.groups) {
      for (const c of this.claimsOf(g)) {
        const scope = `${c.kind}\0${c.scope}`;
        let values = index.get(scope);
        if (!values) index.set(scope, (values = new Map()));
        if (!values.has(c.value)) values.set(c.value, g);
      }
    }
    return index;
  }
}
