/**
 * The emulator's admin surface: what a test needs to set up and the real API has no call for. Served only under
 * `/__admin/`, a path the IAI API (and so the official SDK, which POSTs every action to `/`) never uses, so the
 * documented surface is unchanged; admin requests are neither signed, rate limited, faulted nor recorded in
 * `emu.requests`.
 *
 * `POST /__admin/groups/<GroupId>/persons` with `{"persons": 12, "faces": 30, "region": "ap-guangzhou"}` (region
 * optional) sets what GetPersonListNum reports for the group; answers `{"GroupId","Region","PersonNum","FaceNum"}`.
 * Errors: 400 (bad JSON or counts), 404 (no such group or admin path), 405 (not POST), each `{"Error":{"Code","Message"}}`.
 */
import { IncomingMessage, ServerResponse } from "node:http";
import { checkRegion, DEFAULT_REGION } from "../api/face-group-spec";
import { truncateForMessage } from "../api/rules";
import { isObject } from "./actions/params";
import { personCountsProblem } from "./persons";
import { GroupStore } from "./store";
import { PersonCounts } from "./types";

/** The path prefix of admin requests. */
export const ADMIN_PREFIX = "/__admin/";

const PERSONS_PATH = /^\/__admin\/groups\/([^/]+)\/persons$/;

/** A refused admin request: its HTTP status, a code and what to fix. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "AdminError";
  }
}

/**
 * Sets the persons and faces of an existing group and persists them.
 * @throws AdminError (400 impossible counts or region, 404 no such group); the store is unchanged then
 */
export async function seedPersons(store: GroupStore, groupId: string, counts: Partial<PersonCounts>, region: string = DEFAULT_REGION): Promise<PersonCounts> {
  const [badRegion] = checkRegion(region);
  if (badRegion) throw new AdminError(400, "InvalidRegion", `region '${truncateForMessage(region)}' ${badRegion.rule}`);
  const problem = personCountsProblem(counts);
  if (problem) throw new AdminError(400, "InvalidCounts", `${problem}; send {"persons": N, "faces": M}`);
  if (!store.get(region, groupId)) {
    throw new AdminError(404, "GroupIdNotExist", `GroupId ${truncateForMessage(groupId)} does not exist in region ${region}; create the group first (or name its region)`);
  }
  const seeded = { persons: counts.persons!, faces: counts.faces! };
  store.setPersons(region, groupId, seeded);
  await store.commit();
  return seeded;
}

/** Answers one admin request (its body already read). */
export async function handleAdmin(req: IncomingMessage, res: ServerResponse, body: Buffer, store: GroupStore): Promise<void> {
  let status = 200;
  let answer: Record<string, unknown>;
  try {
    answer = await route(req, body, store);
  } catch (e) {
    const err = e instanceof AdminError ? e : new AdminError(500, "InternalError", `the emulator failed: ${(e as Error).message}`);
    status = err.status;
    answer = { Error: { Code: err.code, Message: err.message } };
  }
  const json = JSON.stringify(answer);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(json) }).end(json);
}

async function route(req: IncomingMessage, body: Buffer, store: GroupStore): Promise<Record<string, unknown>> {
  const path = (req.url ?? "/").split("?", 1)[0];
  const match = PERSONS_PATH.exec(path);
  if (!match) throw new AdminError(404, "NotFound", `no admin call at ${truncateForMessage(path)}; the emulator serves POST ${ADMIN_PREFIX}groups/<GroupId>/persons`);
  if (req.method !== "POST") throw new AdminError(405, "MethodNotAllowed", `use POST for ${ADMIN_PREFIX}groups/<GroupId>/persons (got ${truncateForMessage(req.method)})`);
  let groupId: string;
  try {
    groupId = decodeURIComponent(match[1]);
  } catch {
    throw new AdminError(400, "InvalidGroupId", "the GroupId in the path is not valid percent-encoding; encode it with encodeURIComponent");
  }
  let input: unknown;
  try {
    input = JSON.parse(body.toString("utf8"));
  } catch (e) {
    throw new AdminError(400, "InvalidJson", `the body is not JSON (${(e as Error).message}); send {"persons": N, "faces": M}`);
  }
  if (!isObject(input)) throw new AdminError(400, "InvalidJson", 'send a JSON object {"persons": N, "faces": M}');
  const { persons, faces, region, ...rest } = input;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new AdminError(400, "UnknownField", `unknown field ${truncateForMessage(unknown[0])}; the fields are persons, faces and region`);
  if (region !== undefined && typeof region !== "string") throw new AdminError(400, "InvalidRegion", "region must be a string such as \"ap-guangzhou\"");
  const r = (region as string | undefined) ?? DEFAULT_REGION;
  const seeded = await seedPersons(store, groupId, { persons: persons as number, faces: faces as number }, r);
  return { GroupId: groupId, Region: r, PersonNum: seeded.persons, FaceNum: seeded.faces };
}
