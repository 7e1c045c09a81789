/**
 * Renders face groups as a small fixed-width text table (used by `npm start` and the CLI).
 */

/** The fields of a group the table shows (the API's names). */
export interface GroupRow {
  readonly Region?: string;
  readonly GroupId: string;
  readonly GroupName: string;
  readonly GroupExDescriptions?: readonly string[];
  readonly Tag?: string;
  readonly FaceModelVersion: string;
  readonly CreationTimestamp: number;
}

/** Display width of a string: CJK and emoji take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, w: number): string {
  return s + " ".repeat(Math.max(0, w - width(s)));
}

/** Formats groups as a table with a header row; "(no groups)" when empty. */
export function formatGroupTable(groups: readonly GroupRow[]): string {
  if (groups.length === 0) return "(no groups)";
  const header = ["Region", "GroupId", "GroupName", "Tag", "ExDescriptions", "Model", "Created (UTC)"];
  const rows = [...groups]
    .sort((a, b) => (a.Region ?? "").localeCompare(b.Region ?? "") || a.GroupId.localeCompare(b.GroupId))
    .map((g) => [g.Region ?? "", g.GroupId, g.GroupName, g.Tag ?? "", (g.GroupExDescriptions ?? []).join(", "), g.FaceModelVersion, new Date(g.CreationTimestamp).toISOString().replace("T", " ").slice(0, 19)]);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i])).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
