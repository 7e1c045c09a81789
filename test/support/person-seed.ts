/** Giving a group of a running emulator (in-process or `face-groups emulator`) persons and faces, as users would: its HTTP admin call. */

/**
 * `POST <url>/__admin/groups/<GroupId>/persons`: GetPersonListNum then reports `persons` / `faces` for the group.
 * @throws Error with the emulator's answer when it refused (no such group, impossible counts)
 */
export async function seedPersons(url: string, groupId: string, counts: { persons: number; faces: number }, region?: string): Promise<void> {
  const res = await fetch(`${url}/__admin/groups/${encodeURIComponent(groupId)}/persons`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ...counts, ...(region ? { region } : {}) }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`seeding persons of ${groupId} failed: HTTP ${res.status} ${text}`);
}
