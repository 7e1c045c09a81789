/**
 * Plan-time prediction: what the apply of a reviewed plan would find that the plan can know with reads — an existing
 * group under a created group_id (adoption, or a refusal), a group_name another group holds, names that groups of
 * the same plan trade. Called from PlanResourceChange (plan.ts) for every planned resource; it calls the API only for
 * a create or a rename: the process's account listing (src/handler/account-listing.ts, shared with the refreshes),
 * plus one GetPersonListNum per adoption. A listing may trail writes, so what it shows is trusted for a warning
 * only: an error is confirmed first with GetGroupInfo, the authority (one call, for a plan that fails anyway). What
 * the listing does not show is not predicted (a group created between plan and apply, a lagging listing, an account
 * past the listing's page limit): the apply handles it as before (adoption, GroupNameAlreadyExist).
 */
import { truncateForMessage } from "../../../api/rules";
import { AccountSnapshot } from "../../../handler/account-listing";
import { describe } from "../../../handler/converge";
import { LiveGroup } from "../../../handler/diff";
import { describeFailure, Refusal } from "../../../handler/errors";
import { Diagnostic, TfObject } from "../../protocol/types";
import { COUNT_DEADLINE_SECONDS } from "../deletion-warning";
import { Session } from "../session";
import { removalPolicyOf, str, toSpec } from "../state";
import { adoptionDiagnostics } from "./adoption";
import { giverDiagnostics, takerDiagnostics } from "./name-collision";
import { PlannedNames, PlanView } from "./plan-view";

/** The listed groups of a region (a parameter, so that tests and other listings can stand in). */
export type ListAccount = (region: string) => Promise<AccountSnapshot>;

interface Prediction {
  readonly view: PlanView;
  readonly list: ListAccount;
}

const predictions = new WeakMap<Session, Prediction>();

/** The process's view of the plan and its account listing (one per provider process, like the session). */
export function predictionOf(session: Session): Prediction {
  let p = predictions.get(session);
  if (!p) {
    const seconds = () => Math.min(COUNT_DEADLINE_SECONDS, session.settings.deadlineSeconds);
    p = { view: new PlanView(), list: async (region) => within((await session.region(region)).listing.get(), seconds()) };
    predictions.set(session, p);
  }
  return p;
}

/** Records a refresh (ReadResource) of a group: it is part of this plan. */
export function noteRefresh(session: Session, region: string, groupId: string, read: Promise<unknown>): void {
  predictionOf(session).view.noteRead(region, groupId, read);
}

/**
 * `listing`, or a Refusal after `seconds`: a plan does not wait minutes on a throttled API for a prediction (the walk
 * itself goes on, for the refreshes that share it).
 */
function within<T>(listing: Promise<T>, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Refusal(`the account listing took longer than ${seconds}s (the API kept failing transiently or throttling); a plan waits no longer for a prediction`)), seconds * 1000);
  });
  return Promise.race([listing, late]).finally(() => clearTimeout(timer));
}

const isError = (ds: readonly Diagnostic[]) => ds.some((d) => d.severity === "error");

/**
 * The group as GetGroupInfo has it now (undefined: it does not exist); null when it cannot be read (the listing's word
 * then stands: the error is kept).
 */
async function confirm(session: Session, region: string, groupId: string): Promise<LiveGroup | undefined | null> {
  try {
    return await describe((await session.region(region)).api, groupId);
  } catch {
    return null;
  }
}

/** Groups by name, built once per listing. */
const byNameCache = new WeakMap<ReadonlyMap<string, LiveGroup>, Map<string, LiveGroup>>();
function byName(listing: ReadonlyMap<string, LiveGroup>): Map<string, LiveGroup> {
  let m = byNameCache.get(listing);
  if (!m) byNameCache.set(listing, (m = new Map([...listing.values()].map((g) => [g.GroupName, g]))));
  return m;
}

/**
 * The predicted problems of one resource's plan.
 * @param prior the prior state (null: create)
 * @param planned the planned state (null: destroy)
 * @param replacing the attributes that force a replacement
 */
export async function predictProblems(session: Session, prior: TfObject | null, planned: TfObject | null, replacing: readonly string[]): Promise<Diagnostic[]> {
  const { view, list } = predictionOf(session);
  const kept = removalPolicyOf(prior) === "retain";
  // The prior group's names: deleted (under "destroy") when destroyed or replaced, else kept or renamed below.
  const priorRegion = str(prior?.region);
  const old: PlannedNames | undefined = prior ? { groupId: str(prior.group_id), from: str(prior.group_name), to: str(prior.group_name) } : undefined;
  if (planned === null || replacing.length > 0) {
    if (!old) return [];
    const gone = { ...old, to: kept ? old.from : null };
    view.notePlanned(priorRegion, gone, true);
    if (planned === null) return giverDiagnostics(view, priorRegion, gone);
  }
  const { group_id: groupId, group_name: name, region } = planned;
  // Unknown values are not predictable: the apply decides.
  if (typeof groupId !== "string" || typeof name !== "string" || typeof region !== "string") return [];
  const creating = prior === null || replacing.length > 0;
  const self: PlannedNames = { groupId, from: creating ? null : old!.from, to: name };
  view.notePlanned(region, self, !creating);
  if (!creating && self.from === self.to) return giverDiagnostics(view, region, self);

  let listing: ReadonlyMap<string, LiveGroup>;
  try {
    listing = (await list(region)).groups;
  } catch (e) {
    return [
      {
        severity: "warning",
        summary: `Could not check whether face group ${`'${truncateForMessage(self.groupId)}'`} or its group_name already exist`,
        detail: session.redactor.apply(
          `${describeFailure(e, self.groupId)}. The apply handles them as before: an existing group with this GroupId is adopted (or refused for another model version), a taken name fails with GroupNameAlreadyExist.`,
        ),
      },
    ];
  }
  const out: Diagnostic[] = [];
  const spec = toSpec(planned);
  const listed = creating && !(prior && str(prior.group_id) === spec.group_id && priorRegion === spec.region) ? listing.get(spec.group_id) : undefined;
  if (listed) {
    // Refreshes in flight tell whether the group is also another resource's of this plan.
    await view.readsSettled();
    const ours = view.isInState(spec.region, spec.group_id);
    let adoption = await adoptionDiagnostics(session, spec, listed, ours);
    // An error on the listing's word is confirmed by the authority (the listing may show an older model or fields).
    if (isError(adoption)) {
      const live = await confirm(session, spec.region, spec.group_id);
      adoption = live === null ? adoption : live ? await adoptionDiagnostics(session, spec, live, ours) : [];
    }
    out.push(...adoption);
  }
  const holder = byName(listing).get(spec.group_name);
  // The replaced group under "destroy" is deleted before its replacement is created: its name is free by then.
  const ownPrior = prior && replacing.length > 0 && priorRegion === spec.region ? str(prior.group_id) : undefined;
  if (holder && holder.GroupId !== spec.group_id && !(holder.GroupId === ownPrior && !kept)) {
    // Refreshes in flight tell which groups belong to this plan.
    await view.readsSettled();
    const taken = takerDiagnostics(view, spec.region, self, holder, kept ? ownPrior : undefined);
    // A listing may trail a rename or delete of the holder: an error needs the holder to hold the name now.
    const live = isError(taken) ? await confirm(session, spec.region, holder.GroupId) : null;
    if (live === null || live?.GroupName === spec.group_name) out.push(...taken);
  }
  if (!creating) out.push(...giverDiagnostics(view, spec.region, self, holder?.GroupId));
  return out;
}
