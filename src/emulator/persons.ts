/**
 * The persons and faces of a group, as counts: the rule every seeded count must follow, so that GetPersonListNum
 * never reports what the real service could not hold.
 */
/** The documented limit of faces per person (CreatePerson / CreateFace). */
export const MAX_FACES_PER_PERSON = 5;

/**
 * What is wrong with counts to seed, or undefined when they are usable: whole numbers ≥ 0, every person with 1 to
 * {@link MAX_FACES_PER_PERSON} faces (a person is created from a face image; no face exists without its person).
 * @param names how the two numbers are called where they came from (the admin call's body, the state file)
 */
export function personCountsProblem(value: { persons?: unknown; faces?: unknown }, names = { persons: "persons", faces: "faces" }): string | undefined {
  const { persons, faces } = value;
  for (const [name, v] of [[names.persons, persons], [names.faces, faces]] as const) {
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) return `${name} must be a whole number ≥ 0 (got ${JSON.stringify(v) ?? "nothing"})`;
  }
  const p = persons as number;
  const f = faces as number;
  if (f < p || f > p * MAX_FACES_PER_PERSON) {
    return `${names.faces} must be from ${names.persons} to ${MAX_FACES_PER_PERSON} × ${names.persons} (every person has 1 to ${MAX_FACES_PER_PERSON} faces): got ${p} persons and ${f} faces`;
  }
  return undefined;
}
