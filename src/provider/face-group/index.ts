/**
 * The `tencentcloudiai` provider: its resource type `tencentcloudiai_face_group` and its data sources
 * `tencentcloudiai_face_group` (one group) and `tencentcloudiai_face_groups` (a region's groups), behind the plugin protocol's
 * handlers (src/provider/protocol/types.ts). The protocol layer (main.ts) calls {@link createProvider} once per
 * process; everything shared by the process's calls lives in one {@link Session}.
 */
import { FACE_GROUPS_TYPE } from "../address";
import { Refusal } from "../../handler/errors";
import { Diagnostic, DiagnosticsResponse, ProviderHandlers, TfObject } from "../protocol/types";
import { applyGroupChange } from "./apply";
import { readGroupData, validateGroupData } from "./data-group";
import { readGroupsData, validateGroupsData } from "./data-groups";
import { importGroup } from "./import";
import { planGroupChange } from "./plan";
import { readProviderConfig } from "./provider-config";
import { readGroup } from "./read";
import { PROVIDER_SCHEMAS } from "./schema";
import { LogSink, Session } from "./session";
import { upgradeState } from "./state";
import { validateGroupConfig } from "./validate";

export { PROVIDER_SCHEMAS } from "./schema";

/** Options for tests and embedding. */
export interface ProviderOptions {
  /** Where the one line per API call goes. @default stderr */
  readonly log?: LogSink;
}

/** The account guard's verdict as diagnostics (none when allowed, or when no list is set). */
async function accountProblems(session: Session): Promise<Diagnostic[]> {
  try {
    await session.checkAccount();
    return [];
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    const summary = e.message.startsWith("TencentCloud account ID not allowed") ? "Account not allowed" : "Account check failed";
    return [{ severity: "error", summary, detail: session.redactor.apply(e.message) }];
  }
}

/** Creates the provider's handlers; `env` gives the defaults (credentials, region, endpoint, deadlines). */
export function createProvider(env: NodeJS.ProcessEnv, options: ProviderOptions = {}): ProviderHandlers {
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  let session: Session | undefined;
  let stopped = false;
  const configure = (config: TfObject): DiagnosticsResponse => {
    const { settings, problems } = readProviderConfig(config, env);
    if (!problems.some((d) => d.severity === "error")) {
      session = new Session(settings, env, log);
      if (stopped) session.stop();
    }
    return { diagnostics: problems };
  };
  // Terraform configures before any resource call; should it not, the defaults (environment) apply.
  const current = (): Session => {
    if (!session) configure({});
    return (session ??= new Session(readProviderConfig({}, env).settings, env, log));
  };

  return {
    schema: () => PROVIDER_SCHEMAS,
    validateProviderConfig: (config) => ({ diagnostics: readProviderConfig(config, env).problems }),
    configureProvider: async (req) => {
      const configured = configure(req.config);
      return session && !configured.diagnostics.some((d) => d.severity === "error") ? { diagnostics: [...configured.diagnostics, ...(await accountProblems(session))] } : configured;
    },
    validateResourceConfig: (req) => ({ diagnostics: validateGroupConfig(req.config) }),
    upgradeResourceState: (req) => upgradeState(req),
    readResource: (req) => readGroup(req, current()),
    planResourceChange: (req) => planGroupChange(req, current()),
    applyResourceChange: (req) => applyGroupChange(req, current()),
    importResourceState: async (req) => importGroup(req, current().settings.region),
    // The server answers unknown type names itself: a type name here is one of the two data sources.
    validateDataResourceConfig: (req) => ({ diagnostics: req.typeName === FACE_GROUPS_TYPE ? validateGroupsData(req.config) : validateGroupData(req.config) }),
    readDataSource: (req) => (req.typeName === FACE_GROUPS_TYPE ? readGroupsData : readGroupData)(req.config, current()),
    stop: async () => {
      stopped = true;
      session?.stop();
      return undefined;
    },
  };
}
