// Builds lib/cdktn/, the package's entry for CDK Terrain apps (`cdktf-tencentcloud-face-groups/cdktn`): the same
// sources as lib/index.js and lib/construct/ (src/index.ts, src/construct/), compiled again with their `cdktf`
// imports aliased to `cdktn` and type-checked against cdktn's types. Everything else (api, install, emulator…) is not
// compiled twice: the relative imports of the aliased files are rewritten to point at lib/. Run after tsc; silent on
// success.
//
// Why not one build for both: a construct's base classes (TerraformResource, TerraformProvider…) come from the core
// library the app uses, and a cdktn app has no `cdktf` to load.
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const src = path.join(root, "src");
const lib = path.join(root, "lib");
const out = path.join(lib, "cdktn");
const construct = path.join(src, "construct");

/** True for the sources compiled again: the package's index and the constructs (the modules that import cdktf). */
const aliased = (p) => p === path.join(src, "index") || p === construct || p.startsWith(construct + path.sep);

/** Where a source module (a path without extension) lives in the build: lib/cdktn/… when aliased, else lib/…. */
const built = (p) => path.join(aliased(p) ? out : lib, path.relative(src, p));

/** The module specifier to write in `fromSource`'s output for `spec`. */
function mapSpecifier(spec, fromSource) {
  if (spec === "cdktf") return "cdktn";
  if (!spec.startsWith(".")) return spec;
  const from = path.dirname(built(fromSource.replace(/\.ts$/, "")));
  const rel = path.relative(from, built(path.resolve(path.dirname(fromSource), spec))).split(path.sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

/** A transformer rewriting the module specifiers of imports, exports and `import("…")` types of one file. */
const rewrite = (fromSource) => (context) => (root) => {
  const f = context.factory;
  const literal = (node) => {
    const to = mapSpecifier(node.text, fromSource);
    return to === node.text ? node : f.createStringLiteral(to);
  };
  const visit = (n) => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      return f.updateImportDeclaration(n, n.modifiers, n.importClause, literal(n.moduleSpecifier), n.attributes);
    }
    if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      return f.updateExportDeclaration(n, n.modifiers, n.isTypeOnly, n.exportClause, literal(n.moduleSpecifier), n.attributes);
    }
    if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) {
      const arg = f.updateLiteralTypeNode(n.argument, literal(n.argument.literal));
      return f.updateImportTypeNode(n, arg, n.attributes, n.qualifier, n.typeArguments, n.isTypeOf);
    }
    return ts.visitEachChild(n, visit, context);
  };
  return ts.visitNode(root, visit);
};

const configFile = path.join(root, "tsconfig.json");
const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configFile);
// `cdktf` resolves to cdktn's types, so the constructs are type-checked against the library they will run with.
const options = { ...parsed.options, rootDir: src, outDir: out, baseUrl: root, paths: { cdktf: ["node_modules/cdktn"] } };
const program = ts.createProgram({ rootNames: [path.join(src, "index.ts")], options });

// Only the aliased files can compile differently from the tsc run just before (the others import no cdktf), so only
// they are checked again: a whole-program check would redo ~30 files for nothing on every build.
const aliasedFiles = program.getSourceFiles().filter((file) => !file.isDeclarationFile && aliased(file.fileName.replace(/\.ts$/, "")));
const diagnostics = [
  ...program.getOptionsDiagnostics(),
  ...program.getGlobalDiagnostics(),
  ...aliasedFiles.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file), ...program.getDeclarationDiagnostics(file)]),
];
if (diagnostics.length > 0) {
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" };
  process.stderr.write(`build-cdktn: the sources do not compile against cdktn:\n${ts.formatDiagnostics(diagnostics, host)}`);
  process.exit(1);
}
for (const file of aliasedFiles) {
  const transformers = { before: [rewrite(file.fileName)], afterDeclarations: [rewrite(file.fileName)] };
  const result = program.emit(file, undefined, undefined, false, transformers);
  if (result.emitSkipped) {
    process.stderr.write(`build-cdktn: could not emit ${path.relative(root, file.fileName)}\n`);
    process.exit(1);
  }
}
