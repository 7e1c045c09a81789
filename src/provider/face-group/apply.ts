/**
 * ApplyResourceChange: makes the group match the final planned state and returns the new state, which keeps every
 * value the plan knew (the lifecycle contract); every value is known at plan time, so the new state is the plan.
 * - create: one CreateGroup; an existing group with the same GroupId is adopted (refused, before any write, if its
 *   model version differs) and converged with one ModifyGroup or none. Nothing is read back: the resource exposes
 *   only what the configuration decides (creation_timestamp was removed in schema version 1 — a read-back held one of
 *   Terraform's slots for a second round trip per create; the data source still has it).
 * - update: one ModifyGroup of what differs from the prior state (refreshed in this plan). When description fields
 *   change, the live group is read first: they are renamed by position, and renaming on a stale basis would relabel
 *   persons' data. A removal_policy-only change makes no call.
 * - delete: nothing under "retain" (a warning says so), DeleteGroup under "destroy"; an already deleted group is done.
 */
import { checkSpec, SETTINGS_KEYS } from "../../api/face-group-spec";
import { createOrAdopt, describe, destroyGroup } from "../../handler/converge";
import { planConvergence } from "../../handler/diff";
import { Refusal } from "../../handler/errors";
import { ApplyResourceChangeRequest, ApplyResourceChangeResponse, Diagnostic, TfObject } from "../protocol/types";
import { failureDiagnostic } from "./diagnostics";
import { keptDetail } from "./plan";
import { Session } from "./session";
import { removalPolicyOf, same, str, toLive, toSpec } from "./state";
import { violationDiagnostic } from "./validate";

const GONE = "the group no longer exists (deleted outside Terraform?); run terraform apply again: its refresh notices and plans the group's re-creation";

async function create(session: Session, planned: TfObject): Promise<TfObject> {
  const spec = toSpec(planned);
  const { api } = await session.region(spec.region);
  await createOrAdopt(api, spec);
  return planned;
}

async function update(session: Session, prior: TfObject, planned: TfObject): Promise<TfObject> {
  const spec = toSpec(planned);
  const descriptionsChange = !same(prior.group_ex_descriptions, planned.group_ex_descriptions);
  const writes = descriptionsChange || prior.group_name !== planned.group_name || prior.tag !== planned.tag;
  if (writes) {
    const { api } = await session.region(spec.region);
    const basis = descriptionsChange ? await describe(api, spec.group_id) : toLive(prior);
    if (!basis) throw new Refusal(GONE);
    const change = planConvergence(spec, basis);
    if (change) await api.call("ModifyGroup", change.request);
  }
  return planned;
}

/** ApplyResourceChange for the face group resource. */
export async function applyGroupChange(req: ApplyResourceChangeRequest, session: Session): Promise<ApplyResourceChangeResponse> {
  const { priorState: prior, plannedState: planned } = req;
  const subject = (planned ?? prior)!;
  const groupId = str(subject.group_id);
  const region = str(subject.region);
  if (planned === null) {
    if (removalPolicyOf(prior) === "retain") {
      return { newState: null, diagnostics: [{ severity: "warning", summary: `Face group '${groupId}' was kept`, detail: keptDetail(prior!) }] };
    }
    try {
      const { api } = await session.region(region);
      await destroyGroup(api, groupId);
      return { newState: null, diagnostics: [] };
    } catch (e) {
      return { newState: prior, diagnostics: [failureDiagnostic(e, "delete", groupId, region, session.redactor)] };
    }
  }
  // Values unknown at validation are known now: the same rules, before any write.
  const violations = checkSpec(planned, [...SETTINGS_KEYS, "removal_policy"]);
  if (violations.length > 0) return { newState: prior, diagnostics: violations.map(violationDiagnostic) };
  try {
    const newState = prior === null ? await create(session, planned) : await update(session, prior, planned);
    return { newState, diagnostics: [] };
  } catch (e) {
    const diagnostic: Diagnostic = failureDiagnostic(e, prior === null ? "create" : "update", groupId, region, session.redactor);
    return { newState: prior, diagnostics: [diagnostic] };
  }
}
