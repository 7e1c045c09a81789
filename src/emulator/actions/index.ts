/** The actions the emulator serves, by `X-TC-Action` name; anything else is `InvalidAction`. */
import { ActionDefinition } from "./context";
import { createGroup } from "./create-group";
import { deleteGroup } from "./delete-group";
import { getGroupInfo } from "./get-group-info";
import { getGroupList } from "./get-group-list";
import { getPersonListNum } from "./get-person-list-num";
import { modifyGroup } from "./modify-group";

export type { ActionContext, ActionDefinition } from "./context";

/** Action name → definition. */
export const ACTIONS: ReadonlyMap<string, ActionDefinition> = new Map(
  [createGroup, getGroupInfo, modifyGroup, deleteGroup, getGroupList, getPersonListNum].map((a) => [a.name, a]),
);
