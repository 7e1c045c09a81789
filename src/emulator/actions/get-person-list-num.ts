/** GetPersonListNum: how many persons and faces a group holds (0 and 0 unless seeded by the admin call, admin.ts). */
import { ActionDefinition, requireExisting } from "./context";
import { checkKnownFields, requireGroupId } from "./params";

/** The GetPersonListNum action. */
export const getPersonListNum: ActionDefinition = {
  name: "GetPersonListNum",
  mutates: false,
  handle(params, ctx) {
    checkKnownFields(params, ["GroupId"]);
    const group = requireExisting(ctx, requireGroupId(params));
    const { persons, faces } = ctx.store.persons(ctx.region, group.GroupId);
    return { PersonNum: persons, FaceNum: faces };
  },
};
