/**
 * The registry docs (docs/) are generated from the provider schema and the example files: the checked-in pages must
 * equal freshly rendered ones, page for page, with no page left over for a type the schema no longer has. Data
 * sources get pages the same way, whatever the schema holds.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PROVIDER_LOCAL_NAME } from "../../src/provider/address";
import { PROVIDER_SCHEMAS } from "../../src/provider/face-group/schema";
import { ProviderSchema } from "../../src/provider/protocol/types";
import { GENERATED_DOC_DIRS, renderRegistryDocs, typeName } from "../../src/tooling/registry-docs";
import { REPO_ROOT } from "../support/cdktf-project";

const REGENERATE = "regenerate them with `npm run build --silent && node scripts/generate-docs.mjs` and commit docs/";
const read = (rel: string) => (fs.existsSync(path.join(REPO_ROOT, rel)) ? fs.readFileSync(path.join(REPO_ROOT, rel), "utf8") : undefined);

test("the checked-in docs/ equal the docs generated from the provider schema", () => {
  const docs = renderRegistryDocs(PROVIDER_LOCAL_NAME, PROVIDER_SCHEMAS, read);
  const problems: string[] = [];
  for (const [rel, text] of docs) {
    const onDisk = read(rel);
    if (onDisk === undefined) problems.push(`${rel} is missing`);
    else if (onDisk !== text) problems.push(`${rel} differs from the schema's descriptions or its examples`);
  }
  for (const dir of GENERATED_DOC_DIRS) {
    const files = fs.existsSync(path.join(REPO_ROOT, dir)) ? fs.readdirSync(path.join(REPO_ROOT, dir)) : [];
    for (const f of files) if (!docs.has(`${dir}/${f}`)) problems.push(`${dir}/${f} documents a type the provider no longer has`);
  }
  if (problems.length > 0) throw new Error(`docs/ is out of date:\n  ${problems.join("\n  ")}\nNothing to edit by hand: ${REGENERATE}.`);
  expect(docs.has("docs/resources/face_group.md")).toBe(true);
});

test("every resource and data source gets a page named without the provider prefix, nested objects listed", () => {
  const schemas: ProviderSchema = {
    ...PROVIDER_SCHEMAS,
    dataSourceSchemas: {
      tencentcloudiai_face_groups: {
        version: 0,
        description: "All face groups of a region.",
        attributes: [
          { name: "region", type: "string", optional: true, description: "Region to list." },
          { name: "groups", type: ["list", ["object", { group_id: "string", tag: "string" }]], computed: true, description: "The groups." },
        ],
      },
    },
  };
  const docs = renderRegistryDocs(PROVIDER_LOCAL_NAME, schemas, (rel) => (rel === "examples/data-sources/tencentcloudiai_face_groups/data-source.tf" ? 'data "tencentcloudiai_face_groups" "all" {}\n' : undefined));
  expect([...docs.keys()]).toEqual(["docs/index.md", "docs/resources/face_group.md", "docs/data-sources/face_groups.md"]);
  const page = docs.get("docs/data-sources/face_groups.md")!;
  expect(page).toContain("# tencentcloudiai_face_groups (Data Source)\n\nAll face groups of a region.");
  expect(page).toContain('```terraform\ndata "tencentcloudiai_face_groups" "all" {}\n```');
  expect(page).toContain("### Optional\n\n- `region` (String) Region to list.");
  expect(page).toContain("### Read-Only\n\n- `groups` (List of Object) The groups. (see [below for nested schema](#nestedatt--groups))");
  expect(page).toContain('<a id="nestedatt--groups"></a>\n### Nested Schema for `groups`\n\n- `group_id` (String)\n- `tag` (String)');
  expect(page).not.toContain("## Import");
  expect(typeName(["map", ["set", "number"]])).toBe("Map of Set of Number");
});
