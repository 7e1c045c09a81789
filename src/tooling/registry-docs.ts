/**
 * The provider's documentation in the Terraform Registry's layout (what `tfplugindocs` generates for Go providers),
 * rendered from the provider schema — its descriptions are the one source of truth — plus example files in the
 * conventional places: `docs/index.md` (provider block; `examples/provider/provider.tf`),
 * `docs/resources/<type without "<provider>_">.md` (`examples/resources/<type>/resource.tf`, `import.sh`) and
 * `docs/data-sources/<name>.md` (`examples/data-sources/<type>/data-source.tf`), for every resource and data source
 * the schema has. Run by scripts/generate-docs.mjs; test/tooling/registry-docs.test.ts fails when the checked-in
 * docs differ.
 */
import { CtyType, NestedBlockSchema, ProviderSchema, Schema, SchemaAttribute } from "../provider/protocol/types";

/** Reads an example file by its path relative to the repository (`examples/…`); undefined when there is none. */
export type ExampleReader = (relativePath: string) => string | undefined;

/** The example files a provider's docs use, by the page's kind and type name. */
function examplePaths(kind: "provider" | "resource" | "data-source", type = ""): { usage: string; import?: string } {
  if (kind === "provider") return { usage: "examples/provider/provider.tf" };
  if (kind === "resource") return { usage: `examples/resources/${type}/resource.tf`, import: `examples/resources/${type}/import.sh` };
  return { usage: `examples/data-sources/${type}/data-source.tf` };
}

/** A cty type in the registry's words: `String`, `List of String`, `Map of Number`, `Object`. */
export function typeName(t: CtyType): string {
  if (typeof t === "string") return { string: "String", number: "Number", bool: "Boolean", dynamic: "Dynamic" }[t];
  if (t[0] === "object") return "Object";
  const kind = { list: "List", set: "Set", map: "Map" }[t[0]];
  return `${kind} of ${typeName(t[1])}`;
}

/** The object type inside `t` (itself, or a collection's element), whose fields get a nested section. */
function objectFields(t: CtyType): Readonly<Record<string, CtyType>> | undefined {
  if (typeof t === "string") return undefined;
  return t[0] === "object" ? t[1] : objectFields(t[1]);
}

/** One attribute's bullet, and the anchor of its nested section when its type holds an object. */
function attributeLine(a: SchemaAttribute): string {
  const flags = a.sensitive ? ", Sensitive" : "";
  const nested = objectFields(a.type) ? ` (see [below for nested schema](#nestedatt--${a.name}))` : "";
  return `- \`${a.name}\` (${typeName(a.type)}${flags}) ${a.description.trim()}${nested}`.trimEnd();
}

/** A nested block's bullet (as tfplugindocs writes it: `(Block Set, Max: 1)`). */
function blockLine(b: NestedBlockSchema): string {
  const kind = `Block ${b.nesting === "set" ? "Set" : "List"}${b.maxItems ? `, Max: ${b.maxItems}` : ""}`;
  return `- \`${b.name}\` (${kind}) ${b.description.trim()} (see [below for nested schema](#nestedblock--${b.name}))`;
}

/** A nested block's section: its attributes. */
function blockSection(b: NestedBlockSchema): string {
  const sorted = [...b.attributes].sort((x, y) => (x.name < y.name ? -1 : 1));
  return `<a id="nestedblock--${b.name}"></a>\n### Nested Schema for \`${b.name}\`\n\nOptional:\n\n${sorted.map(attributeLine).join("\n")}`;
}

/** The `## Schema` section: Required, Optional (nested blocks included) and Read-Only groups, then nested schemas. */
function schemaSection(schema: Schema): string {
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
  const groups: Array<[string, string[]]> = [
    ["Required", schema.attributes.filter((a) => a.required).sort(byName).map(attributeLine)],
    ["Optional", [...schema.attributes.filter((a) => a.optional), ...(schema.blocks ?? [])].sort(byName).map((a) => ("nesting" in a ? blockLine(a) : attributeLine(a)))],
    ["Read-Only", schema.attributes.filter((a) => a.computed && !a.optional && !a.required).sort(byName).map(attributeLine)],
  ];
  const parts = ["## Schema"];
  for (const [title, lines] of groups) {
    if (lines.length > 0) parts.push(`### ${title}`, lines.join("\n"));
  }
  for (const b of schema.blocks ?? []) parts.push(blockSection(b));
  for (const a of schema.attributes) {
    const fields = objectFields(a.type);
    if (!fields) continue;
    const lines = Object.keys(fields).sort().map((f) => `- \`${f}\` (${typeName(fields[f])})`);
    parts.push(`<a id="nestedatt--${a.name}"></a>\n### Nested Schema for \`${a.name}\``, lines.join("\n"));
  }
  return parts.join("\n\n");
}

/** YAML front matter as the registry reads it (`description` as a literal block). */
function frontMatter(title: string, description: string): string {
  const body = description.trim().split("\n").map((l) => `  ${l}`).join("\n");
  return `---\npage_title: "${title}"\nsubcategory: ""\ndescription: |-\n${body}\n---`;
}

/** A fenced code block. */
function fence(lang: string, text: string): string {
  return `\`\`\`${lang}\n${text.trimEnd()}\n\`\`\``;
}

/** The "Example Usage" section of an example file, when there is one. */
function usage(text: string | undefined): string[] {
  return text === undefined ? [] : ["## Example Usage", fence("terraform", text)];
}

/** The page of one resource or data source. */
function typePage(providerName: string, kind: "resource" | "data-source", type: string, schema: Schema, read: ExampleReader): string {
  const label = kind === "resource" ? "Resource" : "Data Source";
  const files = examplePaths(kind, type);
  const importText = files.import === undefined ? undefined : read(files.import);
  return [
    frontMatter(`${type} ${label} - ${providerName}`, schema.description),
    `# ${type} (${label})`,
    schema.description.trim(),
    ...usage(read(files.usage)),
    schemaSection(schema),
    ...(importText === undefined ? [] : ["## Import", "Import is supported using the following syntax:", fence("shell", importText)]),
  ].join("\n\n") + "\n";
}

/** The file name of a type's page: the type without the `<provider>_` prefix. */
function pageName(providerName: string, type: string): string {
  return `${type.startsWith(`${providerName}_`) ? type.slice(providerName.length + 1) : type}.md`;
}

/**
 * Every docs file for `schemas` of the provider `providerName`: relative path under the repository (`docs/…`) →
 * content. Deterministic (sorted), so a check can compare it byte for byte with the checked-in files.
 */
export function renderRegistryDocs(providerName: string, schemas: ProviderSchema, read: ExampleReader): Map<string, string> {
  const docs = new Map<string, string>();
  docs.set(
    "docs/index.md",
    [
      frontMatter(`${providerName} Provider`, schemas.provider.description),
      `# ${providerName} Provider`,
      schemas.provider.description.trim(),
      ...usage(read(examplePaths("provider").usage)),
      schemaSection(schemas.provider),
    ].join("\n\n") + "\n",
  );
  for (const type of Object.keys(schemas.resourceSchemas).sort()) {
    docs.set(`docs/resources/${pageName(providerName, type)}`, typePage(providerName, "resource", type, schemas.resourceSchemas[type], read));
  }
  for (const type of Object.keys(schemas.dataSourceSchemas).sort()) {
    docs.set(`docs/data-sources/${pageName(providerName, type)}`, typePage(providerName, "data-source", type, schemas.dataSourceSchemas[type], read));
  }
  return docs;
}

/** The folders whose every file is generated (a file there that the schema no longer produces is stale). */
export const GENERATED_DOC_DIRS = ["docs/resources", "docs/data-sources"] as const;
