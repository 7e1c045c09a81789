/**
 * A planned create whose group_id already exists: apply's CreateGroup answers GroupIdAlreadyExist and the provider
 * adopts the group (src/handler/converge.ts) — or refuses, before any write, when its model version differs. The plan
 * says it now: an error on face_model_version for another model (or on group_ex_descriptions when the declared
 * fields cannot be reached), and a warning a reviewer cannot miss for an adoption: the group, its creation time, its
 * persons and faces (one GetPersonListNum), and each field the apply will change.
 */
import { SettingsSpec } from "../../../api/face-group-spec";
import { quoted as q } from "../../../api/rules";
import { NOT_EXIST, isCode } from "../../../handler/converge";
import { LiveGroup, planConvergence } from "../../../handler/diff";
import { Refusal } from "../../../handler/errors";
import { Diagnostic } from "../../protocol/types";
import { countPersons, plural, unreadReason } from "../deletion-warning";
import { Session } from "../session";

/** "2024-05-01 08:30:00 UTC" (the API's CreationTimestamp is epoch ms). */
function when(ms: number | undefined): string {
  return ms ? `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC` : "at an unknown time";
}

/** The error of a create that apply would refuse: the existing group cannot become the declared one. */
function refusedAdoption(spec: SettingsSpec, live: LiveGroup, problem: string, attribute: string): Diagnostic {
  return {
    severity: "error",
    summary: `Face group ${q(spec.group_id)} already exists in ${spec.region} and cannot be adopted`,
    detail: `This plan creates ${q(spec.group_id)}, but a group with that GroupId exists (created ${when(live.CreationTimestamp)}, name ${q(live.GroupName)}): ${problem}`,
    attribute: [{ attribute }],
  };
}

/**
 * The diagnostics of creating `spec` when the account listing shows `live` under its group_id.
 * @param sameConfiguration the group is in this plan's state under another resource (a renamed construct id)
 * @returns an error (other model, unreachable descriptions), the adoption warning, or none when the group turned
 *   out to be gone (GetPersonListNum says so: the create then creates it)
 */
export async function adoptionDiagnostics(session: Session, spec: SettingsSpec, live: LiveGroup, sameConfiguration = false): Promise<Diagnostic[]> {
  let changes: readonly string[];
  try {
    changes = planConvergence(spec, live)?.changes ?? [];
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    const attribute = live.FaceModelVersion !== spec.face_model_version ? "face_model_version" : "group_ex_descriptions";
    return [refusedAdoption(spec, live, e.message.replace(/\. ?Nothing was written$|; nothing was written/, ""), attribute)];
  }
  let holds: string;
  try {
    const count = await countPersons(session, spec.region, spec.group_id);
    holds = `with ${plural(count.persons, "person")} and ${plural(count.faces, "face")}`;
  } catch (e) {
    if (isCode(e, NOT_EXIST)) return [];
    holds = `(its persons and faces could not be counted: ${unreadReason(e, spec.group_id)})`;
  }
  const will = changes.length > 0 ? `apply changes ${changes.join(", ")}` : "apply changes none of its fields";
  const summary = `This plan will adopt the existing group ${q(spec.group_id)} created ${when(live.CreationTimestamp)} ${holds}; ${will}`;
  return [
    {
      severity: "warning",
      summary: session.redactor.apply(summary),
      detail: sameConfiguration
        ? `Terraform shows a create, but the face group ${q(spec.group_id)} is in this configuration's state under another resource that this plan ` +
          "destroys (a renamed construct id?). The two are not ordered: under removal_policy \"destroy\" the old resource's DeleteGroup may run after " +
          "this adoption and delete the group with its persons and faces. Move the state instead (cdktf: group.moveTo(…); terraform state mv), or keep the id."
        : `Terraform shows a create, but the face group ${q(spec.group_id)} already exists in ${spec.region} (made outside this configuration: ` +
          "the console, another stack, an earlier state that was lost). Applying this plan does not create a new group: it takes over the existing one, " +
          "and from then on its persons and faces are managed by this configuration and, under removal_policy \"destroy\", deleted with it. " +
          "If it is not yours, choose another group_id.",
    },
  ];
}
