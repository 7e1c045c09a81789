/**
 * PlanResourceChange — the resource's plan modifiers in one place:
 * - defaults of the optional+computed attributes (descriptions [], tag "", model "3.0", removal policy "retain",
 *   region = the provider's) whenever the configuration leaves them null, so removing an attribute from the
 *   configuration goes back to its default, as the FaceGroup construct does;
 * - group_id, face_model_version and region require replacement (the API cannot change them);
 * - id is computed from region and group_id (unknown only while either is), so every value is known at plan;
 * - what apply would refuse is refused now, at the attribute (description fields removed or moved; a model version
 *   change of a group that removal_policy "retain" keeps);
 * - every group the plan lets go is announced as a warning: kept under "retain", deleted under "destroy" with the
 *   persons and faces it holds (deletion-warning.ts: a read);
 * - what a create or rename would find at apply is said now (predict/: an adoption, a name another group holds).
 */
import { quoted as q } from "../../api/rules";
import { descriptionProblems } from "../../handler/diff";
import { AttributePath, Diagnostic, isUnknown, PlanResourceChangeRequest, PlanResourceChangeResponse, TfObject, TfValue, Unknown, UNKNOWN } from "../protocol/types";
import { deletionCause, deletionWarning } from "./deletion-warning";
import { predictProblems } from "./predict";
import { Session } from "./session";
import { DEFAULTS, groupResourceId, known, REPLACING_ATTRIBUTES, removalPolicyOf, same, str, strings } from "./state";

/** What destroying (or replacing) a group under "retain" means, said once for plan and apply. */
export function keptDetail(state: TfObject): string {
  return (
    `removal_policy is "retain": the face group ${q(state.group_id)} in ${str(state.region)} stays, with its persons and faces; no API call is made and ` +
    'Terraform stops managing it. To delete it deliberately: set removal_policy = "destroy", apply, then destroy (or remove) the resource.'
  );
}

function keptWarning(state: TfObject, why: string): Diagnostic {
  return { severity: "warning", summary: `Face group ${q(state.group_id)} will be kept (${why})`, detail: keptDetail(state) };
}

/** The planned object: configuration values, defaults for what it leaves null, computed values as far as known. */
export function plannedObject(config: TfObject, providerRegion: string | Unknown): TfObject {
  const orDefault = (name: keyof typeof DEFAULTS | "region"): TfValue => {
    const v = config[name];
    if (v !== null && v !== undefined) return v;
    return name === "region" ? providerRegion : DEFAULTS[name];
  };
  const planned: TfObject = {
    id: UNKNOWN,
    group_id: config.group_id ?? null,
    group_name: config.group_name ?? null,
    group_ex_descriptions: orDefault("group_ex_descriptions"),
    tag: orDefault("tag"),
    face_model_version: orDefault("face_model_version"),
    region: orDefault("region"),
    removal_policy: orDefault("removal_policy"),
  };
  planned.id = groupResourceId(planned.region, planned.group_id);
  return planned;
}

/** The update's refusals (decided on the prior state, refreshed in this plan; apply checks the live group again). */
function updateProblems(planned: TfObject, prior: TfObject, replacing: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const descriptions = planned.group_ex_descriptions;
  if (replacing.length === 0 && known(descriptions)) {
    for (const problem of descriptionProblems(strings(descriptions), strings(prior.group_ex_descriptions))) {
      out.push({ severity: "error", summary: "Description fields cannot be removed or moved", detail: problem, attribute: [{ attribute: "group_ex_descriptions" }] });
    }
  }
  const retained = removalPolicyOf(prior) === "retain";
  if (replacing.length > 0 && retained) {
    if (!replacing.includes("group_id") && !replacing.includes("region")) {
      out.push({
        severity: "error",
        summary: "face_model_version cannot change while the group is kept",
        detail:
          `changing face_model_version replaces the group, but removal_policy "retain" keeps the old group ${q(prior.group_id)} in ${str(prior.region)}, so the new one ` +
          `could not be created under the same group_id (ModifyGroup cannot change the model version). Set removal_policy = "destroy" and apply first ` +
          "(the replacement then deletes the old group with its persons and faces), or use a new group_id",
        attribute: [{ attribute: "face_model_version" }],
      });
    } else out.push(keptWarning(prior, `its replacement changes ${replacing.join(", ")}`));
  }
  return out;
}

/** PlanResourceChange for the face group resource (`session`: the provider's region, and the API for the counts). */
export async function planGroupChange(req: PlanResourceChangeRequest, session: Session): Promise<PlanResourceChangeResponse> {
  const { priorState: prior, proposedNewState: proposed, config } = req;
  if (proposed === null) {
    // Destroy (or removal from the configuration).
    if (prior === null) return { plannedState: null, diagnostics: [] };
    const kept = removalPolicyOf(prior) === "retain";
    const loss = kept ? keptWarning(prior, 'removal_policy "retain"') : await deletionWarning(session, prior, deletionCause());
    return { plannedState: null, diagnostics: [loss, ...(await predictProblems(session, prior, null, []))] };
  }
  const planned = plannedObject(config ?? proposed, session.settings.region);
  if (prior === null) return { plannedState: planned, diagnostics: await predictProblems(session, null, planned, []) };

  const replacing = REPLACING_ATTRIBUTES.filter((name) => isUnknown(planned[name]) || !same(planned[name], prior[name]));
  const requiresReplace: AttributePath[] = replacing.map((attribute) => [{ attribute }]);
  const diagnostics = updateProblems(planned, prior, replacing);
  // The replacement deletes the prior group first (its removal_policy decides, as at apply).
  if (replacing.length > 0 && removalPolicyOf(prior) === "destroy") diagnostics.push(await deletionWarning(session, prior, deletionCause(replacing)));
  // What the apply would find: an existing group under a new group_id, a group_name another group holds.
  diagnostics.push(...(await predictProblems(session, prior, planned, replacing)));
  return { plannedState: planned, requiresReplace, diagnostics };
}
