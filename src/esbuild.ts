// `pyts/esbuild`: an esbuild plugin that bundles Python programs. A `.py` file is converted when
// esbuild loads it, as a module of its program (the entry point's folder is the program's
// root, as for `python3 main.py`); its imports of the program's other modules are `require`
// calls esbuild follows and initialises at the Python import. A relative `.js` specifier that
// names no file but has a `.py` sibling (the specifier converted code and TypeScript hosts
// use) resolves to that sibling.
//
//   import { build } from "esbuild";
//   import pyts from "pyts/esbuild";
//   await build({ entryPoints: ["main.py"], bundle: true, format: "esm", plugins: [pyts()] });
//
// esbuild is not a dependency of pyts: the plugin is written against the slice of esbuild's
// plugin API it uses, so its types need nothing from esbuild either.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { RUNTIME_PACKAGE, transpile } from "./transpile.js";
import { DiagnosticError } from "./frontend/ast.js";
import { ProgramTree } from "./cli/program.js";

export interface PytsPluginOptions {
  /**
   * The module converted code imports the runtime from. By default the runtime package this
   * pyts depends on (so the runtime matches the converter), resolved from pyts itself.
   */
  runtimeModule?: string;
}

interface Location {
  file: string;
  line: number;
  column: number;
  lineText?: string;
}
interface Message {
  text: string;
  location?: Location | null;
}
/** What the plugin passes from a module to the modules it imports: its program's root folder. */
interface ProgramData {
  root: string;
  main?: boolean;
}
interface ResolveArgs {
  path: string;
  importer: string;
  resolveDir: string;
  kind: string;
  pluginData?: unknown;
}
interface ResolveResult {
  path: string;
  suffix?: string;
  pluginData?: ProgramData;
}
interface LoadArgs {
  path: string;
  suffix?: string;
  pluginData?: unknown;
}
interface LoadResult {
  contents?: string;
  loader?: "js";
  resolveDir?: string;
  errors?: Message[];
  warnings?: Message[];
  pluginData?: ProgramData;
}
interface PluginBuild {
  initialOptions: { entryPoints?: unknown; absWorkingDir?: string };
  onResolve(options: { filter: RegExp; namespace?: string }, callback: (args: ResolveArgs) => ResolveResult | undefined): void;
  onLoad(options: { filter: RegExp; namespace?: string }, callback: (args: LoadArgs) => Promise<LoadResult>): void;
}
export interface PytsPlugin {
  name: string;
  setup(build: PluginBuild): void;
}

function isRelative(specifier: string): boolean {
  return specifier.startsWith("./") || specifier.startsWith("../");
}

/** The entry points' paths, whatever form esbuild's option has (array of paths or of {in, out}, or a record). */
function entryPaths(build: PluginBuild): Set<string> {
  const option = build.initialOptions.entryPoints;
  const base = build.initialOptions.absWorkingDir ?? process.cwd();
  const list: unknown[] = Array.isArray(option) ? option : option && typeof option === "object" ? Object.values(option) : [];
  return new Set(list.flatMap((entry) => {
    const file = typeof entry === "string" ? entry : entry && typeof entry === "object" && "in" in entry ? (entry as { in: unknown }).in : null;
    return typeof file === "string" ? [path.resolve(base, file)] : [];
  }));
}

function programData(data: unknown): ProgramData | null {
  return data && typeof data === "object" && typeof (data as ProgramData).root === "string" ? (data as ProgramData) : null;
}

export function pyts(options: PytsPluginOptions = {}): PytsPlugin {
  return {
    name: "pyts",
    setup(build) {
      const trees = new Map<string, ProgramTree>();
      const entries = entryPaths(build);
      const treeOf = (root: string): ProgramTree => {
        let tree = trees.get(root);
        if (!tree) {
          tree = new ProgramTree(root);
          // the programs are the bundle's entry points under this root, and what they import
          tree.setEntries([...entries].flatMap((file) => tree!.nameOf(file)?.name ?? []));
          trees.set(root, tree);
        }
        return tree;
      };
      /** A `.py` file reached from a module of the program at `from` (or from a host: its own folder's program). */
      const pythonModule = (file: string, kind: string, from: ProgramData | null): ResolveResult => {
        if (kind === "entry-point") return { path: file, pluginData: { root: path.dirname(file), main: true } };
        const root = from?.root ?? path.dirname(file);
        // The entry point imported by its name runs again as that module, as in CPython: a second copy.
        return entries.has(file) ? { path: file, suffix: "?module", pluginData: { root } } : { path: file, pluginData: { root } };
      };
      // A `.js` specifier with no such file but a `.py` beside it means the Python module.
      build.onResolve({ filter: /\.js$/ }, (args) => {
        if (!isRelative(args.path)) return undefined;
        const target = path.resolve(args.resolveDir, args.path);
        if (fs.existsSync(target)) return undefined;
        const python = target.slice(0, -3) + ".py";
        return fs.existsSync(python) ? pythonModule(python, args.kind, programData(args.pluginData)) : undefined;
      });
      build.onResolve({ filter: /\.py$/ }, (args) =>
        isRelative(args.path) || path.isAbsolute(args.path) ? pythonModule(path.resolve(args.resolveDir, args.path), args.kind, programData(args.pluginData)) : undefined,
      );
      if (options.runtimeModule === undefined) {
        const runtime = fileURLToPath(import.meta.resolve(RUNTIME_PACKAGE));
        build.onResolve({ filter: /^@pyts\/runtime$/ }, () => ({ path: runtime }));
      }
      build.onLoad({ filter: /\.py$/ }, async (args) => {
        const bytes = fs.readFileSync(args.path);
        const data = programData(args.pluginData) ?? { root: path.dirname(args.path) };
        const tree = treeOf(data.root);
        const found = tree.nameOf(args.path);
        // A file whose path is no module name (`my-script.py`) can only be an entry.
        const name = found?.name ?? path.basename(args.path).replace(/\.py$/, "");
        const url = pathToFileURL(args.path.replace(/\.py$/, ".js")).href;
        const module = { name, isPackage: found?.isPackage ?? false, modules: tree, bundle: { url, main: data.main === true } };
        try {
          const result = await transpile(bytes, { filename: args.path, runtimeModule: options.runtimeModule, format: false, javascript: true, module });
          // The module's own map (JavaScript lines to .py lines) lets esbuild's map reach the .py file.
          const map = Buffer.from(JSON.stringify({ ...result.map, sources: [path.basename(args.path)] })).toString("base64");
          const warnings = result.warnings.map((w) => ({ text: `${w.category}: ${w.message}`, location: { file: args.path, line: w.line, column: 0 } }));
          // help() reads docstrings and signatures through the inspect module (runtime/modules/pydoc-text.ts),
          // which the runtime finds by name: a store of its export (esbuild drops a bare read) keeps it in the bundle.
          const runtimeSpecifier = options.runtimeModule ?? RUNTIME_PACKAGE;
          const usesHelp = new RegExp(`^import \\{[^}]*\\bhelp\\b[^}]*\\} from ${JSON.stringify(runtimeSpecifier).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")};`, "m").test(result.code);
          const keepInspect = usesHelp ? `\nimport { inspect as $$pydocInspect } from ${JSON.stringify(runtimeSpecifier)};\nglobalThis[Symbol.for("pyts.bundledInspect")] = $$pydocInspect;` : "";
          return { contents: `${result.code}${keepInspect}\n//# sourceMappingURL=data:application/json;base64,${map}\n`, loader: "js", resolveDir: path.dirname(args.path), warnings, pluginData: { root: data.root } };
        } catch (error) {
          if (!(error instanceof DiagnosticError)) throw error;
          const lines = bytes.toString("utf8").split(/\r\n?|\n/);
          const errors = error.diagnostics.map((d) => ({
            text: d.kind === "Unsupported" ? d.message : `${d.kind}: ${d.message}`,
            location: { file: args.path, line: d.line, column: d.col, lineText: lines[d.line - 1] ?? "" },
          }));
          return { errors };
        }
      });
    },
  };
}

export default pyts;
