/**
 * The emulator's store (dynalite's `db/`): groups in memory, partitioned by region, optionally persisted to a
 * JSON state file `{"version":1,"groups":[…]}`.
 *
 * Durability: every change is written before its response is sent (the wire awaits {@link GroupStore.commit}).
 * Writes are atomic (temp file in the same directory, fsync, rename, fsync of the directory), so a kill at any
 * moment leaves either the old or the new complete file. Concurrent changes are coalesced into one write (group
 * commit): while a write is in flight, every further change waits for the single next write, which snapshots
 * all of them — 50 changes per second cost a handful of writes, not 50.
 *
 * Persons and faces are not modelled one by one: a group only has the counts GetPersonListNum reports, seeded by the
 * emulator's admin call (admin.ts); they are stored as optional `PersonNum` / `FaceNum` of the group's line.
 */
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import { personCountsProblem } from "./persons";
import { PersonCounts, StoredGroup } from "./types";

/** The state file format version this emulator reads and writes. */
export const STATE_FILE_VERSION = 1;

/** A state file that exists but cannot be used; the emulator refuses to start rather than lose groups. */
export class StateFileError extends Error {
  /**
   * @param statePath the absolute path of the file
   * @param problem what is wrong, completing "the state file <path> …"
   */
  constructor(
    readonly statePath: string,
    problem: string,
  ) {
    super(
      `Refusing to start: the state file ${statePath} ${problem}. The emulator never empties a state file it cannot ` +
        `read. Fix: repair the file or restore it from a backup, or move it away (or pass another --state path) to ` +
        `start with no groups.`,
    );
    this.name = "StateFileError";
  }
}

/** In-memory groups by region, with an optional state file. */
export class GroupStore {
  private readonly regions = new Map<string, Map<string, StoredGroup>>();
  private readonly names = new Map<string, Map<string, string>>();
  /** Seeded counts by region, then GroupId (as the groups are kept); absent = 0 persons, 0 faces. */
  private readonly people = new Map<string, Map<string, PersonCounts>>();
  private inFlight: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private writes = 0;
  private readonly observers: ((region: string, groupId: string) => void)[] = [];

  private constructor(
    /** Absolute path of the state file, when persistent. */
    readonly statePath?: string,
  ) {}

  /**
   * Opens a store: in memory, or loaded from `statePath` (created, with its directory, when absent).
   * @throws StateFileError when the file exists but is unreadable, not JSON, or not a complete state
   */
  static async open(statePath?: string): Promise<GroupStore> {
    const store = new GroupStore(statePath === undefined ? undefined : path.resolve(statePath));
    if (store.statePath === undefined) return store;
    const groups = await readStateFile(store.statePath);
    await removeStaleTempFiles(store.statePath);
    if (groups === undefined) {
      await fsp.mkdir(path.dirname(store.statePath), { recursive: true });
      await store.commit(); // fail fast if the location is not writable
    } else {
      for (const { group, persons } of groups) {
        store.insert(group);
        if (persons) store.setPersons(group.Region, group.GroupId, persons);
      }
    }
    return store;
  }

  /** Calls `observer` after every insert, replace and remove (e.g. the lagging listing index). */
  observe(observer: (region: string, groupId: string) => void): void {
    this.observers.push(observer);
  }

  private changed(region: string, groupId: string): void {
    for (const o of this.observers) o(region, groupId);
  }

  /** The group `groupId` of `region`, or undefined. */
  get(region: string, groupId: string): StoredGroup | undefined {
    return this.regions.get(region)?.get(groupId);
  }

  /** The group of `region` named `name`, or undefined (names are unique per region). */
  findByName(region: string, name: string): StoredGroup | undefined {
    const id = this.names.get(region)?.get(name);
    return id === undefined ? undefined : this.get(region, id);
  }

  /** Number of groups in `region`. */
  count(region: string): number {
    return this.regions.get(region)?.size ?? 0;
  }

  /** The groups of `region` (live objects, creation order); callers must not mutate them. */
  list(region: string): readonly StoredGroup[] {
    return [...(this.regions.get(region)?.values() ?? [])];
  }

  /** Deep copies of the groups of one region or of all regions, in creation order. */
  snapshot(region?: string): StoredGroup[] {
    const regions = region === undefined ? [...this.regions.keys()] : [region];
    return regions.flatMap((r) => this.list(r).map((g) => ({ ...g, GroupExDescriptions: [...g.GroupExDescriptions] })));
  }

  /** Adds a new group (the caller checked uniqueness). */
  insert(group: StoredGroup): void {
    let byId = this.regions.get(group.Region);
    if (!byId) this.regions.set(group.Region, (byId = new Map()));
    let byName = this.names.get(group.Region);
    if (!byName) this.names.set(group.Region, (byName = new Map()));
    byId.set(group.GroupId, group);
    byName.set(group.GroupName, group.GroupId);
    this.changed(group.Region, group.GroupId);
  }

  /** Replaces an existing group by region and GroupId, keeping its position (the caller checked uniqueness). */
  replace(group: StoredGroup): void {
    const old = this.get(group.Region, group.GroupId);
    if (!old) throw new Error(`replace: no group ${group.GroupId} in ${group.Region}`);
    const byName = this.names.get(group.Region)!;
    byName.delete(old.GroupName);
    byName.set(group.GroupName, group.GroupId);
    this.regions.get(group.Region)!.set(group.GroupId, group);
    this.changed(group.Region, group.GroupId);
  }

  /** The persons and faces of a group (0 and 0 unless seeded). */
  persons(region: string, groupId: string): PersonCounts {
    return this.people.get(region)?.get(groupId) ?? { persons: 0, faces: 0 };
  }

  /** Sets the counts of an existing group (the caller checked the group and the counts). */
  setPersons(region: string, groupId: string, counts: PersonCounts): void {
    if (counts.persons === 0 && counts.faces === 0) {
      this.people.get(region)?.delete(groupId);
      return;
    }
    let byId = this.people.get(region);
    if (!byId) this.people.set(region, (byId = new Map()));
    byId.set(groupId, { persons: counts.persons, faces: counts.faces });
  }

  /** Removes a group, and its persons and faces; returns false when it did not exist. */
  remove(region: string, groupId: string): boolean {
    const old = this.get(region, groupId);
    if (!old) return false;
    this.people.get(region)?.delete(groupId);
    this.regions.get(region)!.delete(groupId);
    this.names.get(region)!.delete(old.GroupName);
    this.changed(region, groupId);
    return true;
  }

  /**
   * Resolves once every change made before the call is on disk (immediately when in memory only).
   * Rejects when the write failed.
   */
  commit(): Promise<void> {
    const file = this.statePath;
    if (file === undefined) return Promise.resolve();
    if (this.queued) return this.queued; // the next write has not taken its snapshot yet: it will include us
    const previous = this.inFlight;
    const next = (async () => {
      await previous.catch(() => undefined);
      this.queued = undefined; // from here on, changes need the write after this one
      await writeAtomic(file, serialize(this.snapshot().map((g) => this.withCounts(g))), ++this.writes);
    })();
    this.queued = next;
    this.inFlight = next;
    return next;
  }

  /** A group's state-file line: the group, plus PersonNum / FaceNum when it holds any. */
  private withCounts(g: StoredGroup): StoredGroup & { PersonNum?: number; FaceNum?: number } {
    const { persons, faces } = this.persons(g.Region, g.GroupId);
    return persons === 0 && faces === 0 ? g : { ...g, PersonNum: persons, FaceNum: faces };
  }

  /** Waits for pending writes (used on shutdown). */
  async close(): Promise<void> {
    await this.inFlight.catch(() => undefined);
  }
}

/** One group per line: cheap to write, easy to read and diff. */
function serialize(groups: readonly object[]): string {
  const lines = groups.map((g) => JSON.stringify(g)).join(",\n");
  return `{"version":${STATE_FILE_VERSION},"groups":[${groups.length ? `\n${lines}\n` : ""}]}\n`;
}

async function writeAtomic(file: string, data: string, n: number): Promise<void> {
  const tmp = `${file}.${process.pid}.${n}.tmp`;
  const fh = await fsp.open(tmp, "w", 0o600);
  try {
    await fh.writeFile(data, "utf8");
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await fsp.rename(tmp, file);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
  // Make the rename itself durable; not every platform can fsync a directory, which is fine.
  try {
    const dir = await fsp.open(path.dirname(file), "r");
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    /* best effort */
  }
}

/** Temp files left by a killed emulator are never the state: remove them. */
async function removeStaleTempFiles(file: string): Promise<void> {
  const base = path.basename(file);
  let entries: string[];
  try {
    entries = await fsp.readdir(path.dirname(file));
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.startsWith(`${base}.`) && /^\.\d+\.\d+\.tmp$/.test(e.slice(base.length))) {
      await fsp.rm(path.join(path.dirname(file), e), { force: true });
    }
  }
}

/** A group of the state file, with its seeded counts. */
interface LoadedGroup {
  readonly group: StoredGroup;
  readonly persons?: PersonCounts;
}

/** Reads and checks a state file; undefined when it does not exist. */
async function readStateFile(file: string): Promise<LoadedGroup[] | undefined> {
  let text: string;
  try {
    text = await fsp.readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new StateFileError(file, `cannot be read (${(e as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new StateFileError(file, `is not valid JSON (${(e as Error).message}${text.length === 0 ? "; the file is empty" : ""})`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new StateFileError(file, `is not a JSON object of the form {"version":${STATE_FILE_VERSION},"groups":[…]}`);
  }
  const { version, groups } = data as { version?: unknown; groups?: unknown };
  if (version !== STATE_FILE_VERSION) {
    throw new StateFileError(file, `has version ${JSON.stringify(version)}; this emulator reads version ${STATE_FILE_VERSION}`);
  }
  if (!Array.isArray(groups)) throw new StateFileError(file, `has no "groups" array`);
  const seen = new Set<string>();
  const names = new Set<string>();
  groups.forEach((g, i) => {
    const problem = checkStoredGroup(g);
    if (problem) throw new StateFileError(file, `has an invalid group at groups[${i}]: ${problem}`);
    const group = g as StoredGroup;
    const key = JSON.stringify([group.Region, group.GroupId]);
    const nameKey = JSON.stringify([group.Region, group.GroupName]);
    if (seen.has(key)) throw new StateFileError(file, `holds GroupId ${group.GroupId} twice in region ${group.Region}`);
    if (names.has(nameKey)) throw new StateFileError(file, `holds GroupName ${group.GroupName} twice in region ${group.Region}`);
    seen.add(key);
    names.add(nameKey);
  });
  // Only the known fields: a hand-edited extra key must not leak into responses.
  return (groups as (StoredGroup & { PersonNum?: number; FaceNum?: number })[]).map((g) => ({
    group: {
      Region: g.Region,
      GroupId: g.GroupId,
      GroupName: g.GroupName,
      GroupExDescriptions: [...g.GroupExDescriptions],
      Tag: g.Tag,
      FaceModelVersion: g.FaceModelVersion,
      CreationTimestamp: g.CreationTimestamp,
      UpdateTimestamp: g.UpdateTimestamp,
    },
    persons: g.PersonNum === undefined ? undefined : { persons: g.PersonNum, faces: g.FaceNum ?? 0 },
  }));
}

function checkStoredGroup(g: unknown): string | undefined {
  if (typeof g !== "object" || g === null || Array.isArray(g)) return "not an object";
  const o = g as Record<string, unknown>;
  for (const f of ["Region", "GroupId", "GroupName", "Tag", "FaceModelVersion"]) {
    if (typeof o[f] !== "string") return `${f} must be a string`;
  }
  if (!Array.isArray(o.GroupExDescriptions) || o.GroupExDescriptions.some((d) => typeof d !== "string")) {
    return "GroupExDescriptions must be a list of strings";
  }
  for (const f of ["CreationTimestamp", "UpdateTimestamp"]) {
    if (typeof o[f] !== "number" || !Number.isFinite(o[f])) return `${f} must be a number (epoch ms)`;
  }
  if (o.PersonNum !== undefined || o.FaceNum !== undefined) {
    return personCountsProblem({ persons: o.PersonNum, faces: o.FaceNum }, { persons: "PersonNum", faces: "FaceNum" });
  }
  return undefined;
}
