/**
 * A planned create or rename to a group_name another group holds: names are unique per region, so the apply's
 * CreateGroup / ModifyGroup would answer GroupNameAlreadyExist. Who holds the name decides what the plan says:
 * - a group outside this plan (not in its state): an error on group_name naming the holder's GroupId;
 * - a group of this plan that keeps the name: an error (the apply of one of them fails whatever the order);
 * - a group of this plan that gives the name up (renamed, or deleted under removal_policy "destroy"): a warning
 *   naming both and the order — the holder's change must be applied first, which Terraform guarantees only with a
 *   dependency (dependsOn) or two deploys; a swap (each takes the other's name) has no working order: an error;
 * - a group of this plan not planned yet: a warning now, and the holder's own plan completes it (giverDiagnostics).
 * What this process has not seen of the plan (plan-view.ts) counts as outside it: the error then says how to order it.
 * Terraform may reach a holder late (one removed from the code is refreshed and planned after the creates), so a
 * hand-over to a new group can be refused as "held" — strict but safe: without an order that apply could fail half-way.
 */
import { quoted } from "../../../api/rules";
import { LiveGroup } from "../../../handler/diff";
import { Diagnostic } from "../../protocol/types";
import { PlannedNames, PlanView } from "./plan-view";

const q = (s: string | null) => quoted(s ?? "");
const AT_NAME = [{ attribute: "group_name" }];

const error = (summary: string, detail: string): Diagnostic => ({ severity: "error", summary, detail, attribute: AT_NAME });
const warning = (summary: string, detail: string): Diagnostic => ({ severity: "warning", summary, detail, attribute: AT_NAME });

/** What the holder does with its name in this plan, in words. */
const givesUp = (h: PlannedNames) => (h.to === null ? "deletes (removal_policy \"destroy\")" : `renames to ${q(h.to)}`);

/** The order advice for `taker` taking the name `holder` gives up. */
function order(taker: string, holder: PlannedNames): string {
  return (
    `The apply succeeds only if Terraform changes ${q(holder.groupId)} first; it orders the two only when the resource of ${q(taker)} depends on the ` +
    `resource of ${q(holder.groupId)} (cdktf: dependsOn: [that FaceGroup]; HCL: depends_on), otherwise it may apply them in either order and the ` +
    `change of ${q(taker)} then fails with GroupNameAlreadyExist (half of the plan applied). Add the dependency, or deploy twice (first the change of ` +
    `${q(holder.groupId)}, then this one).`
  );
}

/**
 * The error of two groups that swap names, worded the same from either side and given once per plan: both resources
 * reach it when Terraform plans both before either is predicted.
 */
function swapError(view: PlanView, region: string, taker: PlannedNames, holder: PlannedNames): Diagnostic[] {
  const [x, y] = [taker, holder].sort((a, b) => (a.groupId < b.groupId ? -1 : 1));
  if (!view.sayOnce(`swap\u0000${region}\u0000${x.groupId}\u0000${y.groupId}`)) return [];
  return [error(
    `Face groups ${q(x.groupId)} and ${q(y.groupId)} swap names: no order of the two renames can apply`,
    `This plan renames ${q(x.groupId)} ${q(x.from)} -> ${q(x.to)} and ${q(y.groupId)} ${q(y.from)} -> ${q(y.to)}; names are ` +
      "unique per region, so whichever ModifyGroup runs first fails with GroupNameAlreadyExist. Deploy in two steps: first rename one of them to a " +
      "temporary name, then give both their final names.",
  )];
}

/**
 * The diagnostics of `taker` (a create or rename, `to` its new name) when `holder` holds that name in the account.
 * @param keptPrior the taker's own prior group when this plan replaces it (under "retain" it keeps its name)
 */
export function takerDiagnostics(view: PlanView, region: string, taker: PlannedNames, holder: LiveGroup, keptPrior?: string): Diagnostic[] {
  const name = q(taker.to);
  const h = holder.GroupId;
  if (h === keptPrior) {
    return [
      error(
        `group_name ${name} stays with the kept group ${q(h)}`,
        `This plan replaces ${q(h)} with ${q(taker.groupId)}, but removal_policy "retain" keeps ${q(h)} with its name ${name}, and names are unique ` +
          "per region: the CreateGroup would fail with GroupNameAlreadyExist. Give the new group another group_name.",
      ),
    ];
  }
  const planned = view.plannedNames(region, h);
  if (planned && planned.to !== taker.to) {
    if (taker.from !== null && planned.to === taker.from) return swapError(view, region, taker, planned);
    return [warning(`group_name ${name} is taken from face group ${q(h)}, which this plan ${givesUp(planned)}`, order(taker.groupId, planned))];
  }
  if (planned) {
    return [error(`group_name ${name} is held by face group ${q(h)}, which this plan keeps`, `Both ${q(taker.groupId)} and ${q(h)} would be named ${name}; names are unique per region. Give one of them another group_name.`)];
  }
  if (view.isInState(region, h)) {
    return [
      warning(
        `group_name ${name} is held by face group ${q(h)} of this configuration`,
        `${q(h)} is managed by this configuration and Terraform has not planned it yet: if this plan keeps its name, the apply fails (its own plan ` +
          `then says so); if this plan renames it or deletes it (removal_policy "destroy"): ${order(taker.groupId, { groupId: h, from: holder.GroupName, to: null })}`,
      ),
    ];
  }
  return [
    error(
      `group_name ${name} is held by face group ${q(h)}`,
      `Group names are unique per region, and ${q(h)} in ${region} (created outside this plan: the console, another stack) already has the name ${name}: ` +
        `the apply would fail with GroupNameAlreadyExist. Choose another group_name, or rename or delete ${q(h)} first. If this configuration manages ` +
        `${q(h)} and renames it in this same plan, make this resource depend on it (dependsOn) so that Terraform plans and applies it first; if this ` +
        `plan deletes it (a FaceGroup removed from the code), deploy twice: first the removal, then this name.`,
    ),
  ];
}

/**
 * The diagnostics of `giver` (planned after the groups that want its old name): a rename or deletion that frees a
 * name another group of this plan takes, or a kept name that another group of this plan wants.
 * @param reported a taker already named by giver's own taker diagnostics (a swap is said once)
 */
export function giverDiagnostics(view: PlanView, region: string, giver: PlannedNames, reported?: string): Diagnostic[] {
  if (giver.from === null) return [];
  // A deleted resource has no configuration to point at.
  const at = (d: Diagnostic): Diagnostic => (giver.to === null ? { ...d, attribute: undefined } : d);
  return view
    .takersOf(region, giver.from, giver.groupId)
    .filter((t) => t.groupId !== reported)
    .flatMap((taker) => giverDiagnostic(view, region, giver, taker).map(at));
}

/** What `giver` (planned after `taker`) says about the name `taker` takes from it. */
function giverDiagnostic(view: PlanView, region: string, giver: PlannedNames, taker: PlannedNames): Diagnostic[] {
  if (giver.to === giver.from) {
    return [error(
      `group_name ${q(giver.from)} is kept by ${q(giver.groupId)} while ${q(taker.groupId)} takes it`,
      `This plan gives ${q(taker.groupId)} the name ${q(giver.from)}, which ${q(giver.groupId)} keeps; names are unique per region, so that change would fail ` +
        "with GroupNameAlreadyExist. Give one of them another group_name.",
    )];
  }
  if (taker.from !== null && giver.to === taker.from) return swapError(view, region, taker, giver);
  return [warning(`group_name ${q(giver.from)}, which this plan ${givesUp(giver)}, is taken by face group ${q(taker.groupId)}`, order(taker.groupId, giver))];
}
