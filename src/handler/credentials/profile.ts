/**
 * The shared credentials of a named profile, as the official Terraform provider and `tccli configure` keep them:
 * `<shared_credentials_dir>/<profile>.credential`, JSON with `secretId`, `secretKey`, optional `token`, and optionally
 * `role-arn` + `role-session-name` (then that role is assumed with the key). Default folder `~/.tccli`, default
 * profile `default`. For profiles written by the SDKs instead, the `[<profile>]` section of
 * `~/.tencentcloud/credentials` (INI: `secret_id`, `secret_key`, `token`) is read when the tccli file does not exist.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Refusal } from "../errors";

/** What a profile holds. */
export interface ProfileCredentials {
  readonly secretId: string;
  readonly secretKey: string;
  readonly token?: string;
  /** A role the profile says to assume with its key (`role-arn`, `role-session-name`). */
  readonly role?: { readonly roleArn: string; readonly sessionName: string };
  /** The file read (for the log line). */
  readonly file: string;
}

/** `~` at the start of a path is the home folder (as the official provider's `homedir.Expand`). */
export function expandHome(p: string, home = os.homedir()): string {
  return p === "~" || p.startsWith(`~${path.sep}`) || p.startsWith("~/") ? path.join(home, p.slice(1)) : p;
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Refusal(`cannot read the shared credentials file ${file}: ${(e as Error).message}`);
  }
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

function fromTccli(file: string, text: string): ProfileCredentials | undefined {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Refusal(`the shared credentials file ${file} is not JSON (${(e as Error).message}); write it with \`tccli configure\``);
  }
  const secretId = str(json.secretId);
  const secretKey = str(json.secretKey);
  if (!secretId || !secretKey) return undefined;
  const roleArn = str(json["role-arn"]);
  const sessionName = str(json["role-session-name"]);
  return { secretId, secretKey, token: str(json.token), role: roleArn && sessionName ? { roleArn, sessionName } : undefined, file };
}

/** The `[profile]` section of an INI file (`key = value` lines). */
function fromIni(file: string, text: string, profile: string): ProfileCredentials | undefined {
  let section: string | undefined;
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) section = header[1].trim();
    else if (section === profile && line.includes("=")) values[line.slice(0, line.indexOf("=")).trim()] = line.slice(line.indexOf("=") + 1).trim();
  }
  return values.secret_id && values.secret_key ? { secretId: values.secret_id, secretKey: values.secret_key, token: values.token || undefined, file } : undefined;
}

/**
 * The credentials of `profile`, or undefined when neither file has them.
 * @param dir the shared credentials folder; "" = `~/.tccli`
 */
export function readProfile(profile: string, dir: string): ProfileCredentials | undefined {
  const folder = dir ? expandHome(dir) : path.join(os.homedir(), ".tccli");
  const tccliFile = path.join(folder, `${profile}.credential`);
  const tccli = readIfExists(tccliFile);
  if (tccli !== undefined) return fromTccli(tccliFile, tccli);
  const iniFile = path.join(os.homedir(), ".tencentcloud", "credentials");
  const ini = dir ? undefined : readIfExists(iniFile);
  return ini === undefined ? undefined : fromIni(iniFile, ini, profile);
}
