/** GetPersonListNum: persons and faces in a group — always 0/0, the emulator holds no persons yet. */
import { ActionDefinition, requireExisting } from "./context";
import { checkKnownFields, requireGroupId } from "./params";

/** The GetPersonListNum action. */
export const getPersonListNum: ActionDefinition = {
  name: "GetPersonListNum",
  mutates: false,
  handle(params, ctx) {
    checkKnownFields(params, ["GroupId"]);
    requireExisting(ctx, requireGroupId(params));
    return { PersonNum: 0, FaceNum: 0 };
  },
};
