/**
 * What one provider process knows of the other resources of its plan. The provider never sees the plan as a whole:
 * Terraform refreshes (ReadResource) and plans (PlanResourceChange) each resource separately, in parallel, in an
 * order the provider cannot see. One process serves one plan, so what it has seen so far is part of this plan:
 * - groups in the plan's state: every refresh, and every plan with a prior state;
 * - what each planned group does with a name: keeps it, takes it (create, rename), or gives it up (rename, or
 *   deletion under removal_policy "destroy").
 * A resource Terraform has not reached yet (over -parallelism, or one that depends on the resource being planned)
 * is not known; the predictions say so in their words (see name-collision.ts).
 */

/** What a planned group does with names: `from` its current name (null: new group), `to` its name after the apply (null: deleted). */
export interface PlannedNames {
  readonly groupId: string;
  readonly from: string | null;
  readonly to: string | null;
}

const key = (region: string, id: string) => `${region}\u0000${id}`;

/** The plan as far as this process has seen it. */
export class PlanView {
  private readonly inState = new Set<string>();
  private readonly planned = new Map<string, PlannedNames>();
  /** Groups planned to take a name (create, rename), by region and name. */
  private readonly takers = new Map<string, PlannedNames[]>();
  private readonly reads = new Set<Promise<unknown>>();
  /** Diagnostics already given that two resources could both give (see sayOnce). */
  private readonly said = new Set<string>();

  /** A refresh of a group of the state: the group is part of this plan (also while the read is in flight). */
  noteRead(region: string, groupId: string, read: Promise<unknown>): void {
    this.inState.add(key(region, groupId));
    this.reads.add(read);
    void read.finally(() => this.reads.delete(read)).catch(() => undefined);
  }

  /** Resolves when the refreshes in flight now have ended (so that their groups are known as part of the plan). */
  async readsSettled(): Promise<void> {
    await Promise.allSettled([...this.reads]);
  }

  /** Records a planned group (`prior` true: it is in the state). */
  notePlanned(region: string, names: PlannedNames, prior: boolean): void {
    if (prior) this.inState.add(key(region, names.groupId));
    this.planned.set(key(region, names.groupId), names);
    if (names.to !== null && names.to !== names.from) {
      const k = key(region, names.to);
      this.takers.set(k, [...(this.takers.get(k) ?? []).filter((t) => t.groupId !== names.groupId), names]);
    }
  }

  /** True when the group is in this plan's state. */
  isInState(region: string, groupId: string): boolean {
    return this.inState.has(key(region, groupId));
  }

  /** What the plan does with the group's names, when it has been planned in this process. */
  plannedNames(region: string, groupId: string): PlannedNames | undefined {
    return this.planned.get(key(region, groupId));
  }

  /**
   * True the first time `what` is asked in this process: a diagnostic that both resources of a pair can reach (a swap,
   * when both are planned before either is predicted) is given once, by whichever gets there first.
   */
  sayOnce(what: string): boolean {
    if (this.said.has(what)) return false;
    this.said.add(what);
    return true;
  }

  /** The other groups planned so far to take `name`. */
  takersOf(region: string, name: string, except: string): PlannedNames[] {
    return (this.takers.get(key(region, name)) ?? []).filter((t) => t.groupId !== except);
  }
}
