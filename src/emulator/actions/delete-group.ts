/** DeleteGroup: removes a group (and, in the real service, its persons' membership). */
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
