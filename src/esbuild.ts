// `pyts/esbuild`: an esbuild plugin that bundles Python modules. A `.py` file is converted when
// esbuild loads it, and a relative `.js` specifier that names no file but has a `.py` sibling
// (the specifier converted code and TypeScript hosts use) resolves to that sibling.
//
//   import { build } from "esbuild";
//   import pyts from "pyts/esbuild";
//   await build({ entryPoints: ["main.py"], bundle: true, format: "esm", plugins: [pyts()] });
//
// esbuild is not a dependency of pyts: the plugin is written against the slice of esbuild's
// plugin API it uses, so its types need nothing from esbuild either.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RUNTIME_PACKAGE, transpile } from "./transpile.js";
import { DiagnosticError } from "./frontend/ast.js";

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
interface ResolveArgs {
  path: string;
  importer: string;
  resolveDir: string;
  kind: string;
}
interface LoadArgs {
  path: string;
}
interface PluginBuild {
  onResolve(options: { filter: RegExp; namespace?: string }, callback: (args: ResolveArgs) => { path: string } | undefined): void;
  onLoad(
    options: { filter: RegExp; namespace?: string },
    callback: (args: LoadArgs) => Promise<{ contents?: string; loader?: "js"; resolveDir?: string; errors?: Message[]; warnings?: Message[] }>,
  ): void;
}
export interface PytsPlugin {
  name: string;
  setup(build: PluginBuild): void;
}

function isRelative(specifier: string): boolean {
  return specifier.startsWith("./") || specifier.startsWith("../");
}

export function pyts(options: PytsPluginOptions = {}): PytsPlugin {
  return {
    name: "pyts",
    setup(build) {
      // A `.js` specifier with no such file but a `.py` beside it means the Python module.
      build.onResolve({ filter: /\.js$/ }, (args) => {
        if (!isRelative(args.path)) return undefined;
        const target = path.resolve(args.resolveDir, args.path);
        if (fs.existsSync(target)) return undefined;
        const python = target.slice(0, -3) + ".py";
        return fs.existsSync(python) ? { path: python } : undefined;
      });
      build.onResolve({ filter: /\.py$/ }, (args) => (isRelative(args.path) || path.isAbsolute(args.path) ? { path: path.resolve(args.resolveDir, args.path) } : undefined));
      if (options.runtimeModule === undefined) {
        const runtime = fileURLToPath(import.meta.resolve(RUNTIME_PACKAGE));
        build.onResolve({ filter: /^@pyts\/runtime$/ }, () => ({ path: runtime }));
      }
      build.onLoad({ filter: /\.py$/ }, async (args) => {
        const bytes = fs.readFileSync(args.path);
        try {
          const result = await transpile(bytes, { filename: args.path, runtimeModule: options.runtimeModule, format: false, javascript: true });
          // The module's own map (JavaScript lines to .py lines) lets esbuild's map reach the .py file.
          const map = Buffer.from(JSON.stringify({ ...result.map, sources: [path.basename(args.path)] })).toString("base64");
          const warnings = result.warnings.map((w) => ({ text: `${w.category}: ${w.message}`, location: { file: args.path, line: w.line, column: 0 } }));
          return { contents: `${result.code}\n//# sourceMappingURL=data:application/json;base64,${map}\n`, loader: "js", resolveDir: path.dirname(args.path), warnings };
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
