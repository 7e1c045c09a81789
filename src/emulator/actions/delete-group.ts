/** DeleteGroup: removes a group with its persons and faces (the seeded counts; a person is not modelled elsewhere). */
import { ActionDefinition, requireExisting } from "./context";
import { checkKnownFields, requireGroupId } from "./params";

/** The DeleteGroup action. */
export const deleteGroup: ActionDefinition = {
  name: "DeleteGroup",
  mutates: true,
  handle(params, ctx) {
    checkKnownFields(params, ["GroupId"]);
    const g = requireExisting(ctx, requireGroupId(params));
    ctx.store.remove(ctx.region, g.GroupId);
    return {};
  },
};
