/** The STS (2018-08-13) actions the emulator serves, by `X-TC-Action` name. */
import { ActionDefinition } from "../actions/context";
import { assumeRole } from "./assume-role";
import { assumeRoleWithWebIdentity } from "./assume-role-with-web-identity";
import { getCallerIdentity } from "./get-caller-identity";

/** The STS API version. */
export const STS_VERSION = "2018-08-13";

/** Action name → definition. */
export const STS_ACTIONS: ReadonlyMap<string, ActionDefinition> = new Map([assumeRole, assumeRoleWithWebIdentity, getCallerIdentity].map((a) => [a.name, a]));
