/**
 * The `tencentcloudiai` provider: its one resource type, `tencentcloudiai_face_group`, behind the plugin protocol's
 * handlers (src/provider/protocol/types.ts). The protocol layer (main.ts) calls {@link createProvider} once per
 * process; everything shared by the process's calls lives in one {@link Session}.
 */
import { FACE_GROUP_TYPE } from "../address";
import { DiagnosticsResponse, ProviderHandlers, TfObject } from "../protocol/types";
import { applyGroupChange } from "./apply";
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

const NO_DATA_SOURCES = { severity: "error", summary: "No data sources", detail: `this provider serves only the resource ${FACE_GROUP_TYPE}` } as const;

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
    configureProvider: async (req) => configure(req.config),
    validateResourceConfig: (req) => ({ diagnostics: validateGroupConfig(req.config) }),
    upgradeResourceState: (req) => upgradeState(req),
    readResource: (req) => readGroup(req, current()),
    planResourceChange: (req) => planGroupChange(req, current()),
    applyResourceChange: (req) => applyGroupChange(req, current()),
    importResourceState: async (req) => importGroup(req, current().settings.region),
    validateDataResourceConfig: () => ({ diagnostics: [NO_DATA_SOURCES] }),
    readDataSource: async () => ({ state: null, diagnostics: [NO_DATA_SOURCES] }),
    stop: async () => {
      stopped = true;
      session?.stop();
      return undefined;
    },
  };
}
