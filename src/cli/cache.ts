// The `pyts run` cache: a converted program, kept outside the source tree (like __pycache__,
// but in the user's cache folder) and reused while nothing it was made from has changed.
// This module is on the start-up path: it loads Node built-ins only, never the compiler.
//
// Layout: <cache>/run/<program key>/manifest.json names the current tree, a folder beside
// it holding the converted modules. The program key covers what the converted text depends
// on besides the sources: the pyts build, the working folder and the path as given (both
// appear in tracebacks); the manifest names the runtime file the tree imports. The manifest lists each source's digest and every
// module lookup the conversion made (a file created later may shadow a runtime module or
// satisfy an import that failed), so a hit is exactly a conversion that would come out the same.
// (Node's built-ins through process.getBuiltinModule: see run-program.ts)
const fs = process.getBuiltinModule("node:fs");
const path = process.getBuiltinModule("node:path");
const { fileURLToPath } = process.getBuiltinModule("node:url");
import { locateModule, type ProgramModuleFile } from "./program-files.js";

/** A module lookup the conversion relied on: its name and the file it found (or null), package or not. */
export type Lookup = [name: string, file: string | null, isPackage: boolean];

interface Manifest {
  /** build id, working folder, file as given */
  key: [string, string, string];
  /** the runtime file the converted modules import */
  runtime: string;
  /** the folder (beside the manifest) holding the converted tree */
  tree: string;
  /** the entry's script, relative to the tree */
  entry: string;
  /** the program's root folder (the entry's folder) */
  root: string;
  /** absolute .py path -> sha256 of its bytes; the entry first */
  sources: [string, string][];
  lookups: Lookup[];
  /** what converting the entry printed (SyntaxWarnings): CPython compiles the script, and warns, on every run */
  warnings: string;
}

/** A converted program ready to run. */
export interface CachedProgram {
  /** the folder of converted modules */
  tree: string;
  /** the entry's script in it */
  script: string;
  root: string;
  runtime: string;
  warnings: string;
}

/** The pyts build (version and a digest of its files), or null when the build did not record one; read once. */
function buildId(): string | null {
  if (knownBuild === undefined) knownBuild = readBuildId();
  return knownBuild;
}
let knownBuild: string | null | undefined;

function readBuildId(): string | null {
  try {
    const file = fileURLToPath(new URL("./build-id.json", import.meta.url));
    const { version, build } = JSON.parse(fs.readFileSync(file, "utf8")) as { version: string; build: string };
    return `${version}+${build}`;
  } catch {
    return null;
  }
}

/** PYTS_CACHE_DIR, else $XDG_CACHE_HOME/pyts, else ~/.cache/pyts. */
export function cacheFolder(): string {
  const own = process.env.PYTS_CACHE_DIR;
  if (own) return path.resolve(own);
  const xdg = process.env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(homeFolder(), ".cache"), "pyts");
}

/** os.homedir(), which is $HOME when set: node:os (not otherwise loaded at a start) only without it. */
function homeFolder(): string {
  return process.env.HOME || process.getBuiltinModule("node:os").homedir();
}

/**
 * A 64-bit digest of bytes or text (two 32-bit FNV-1a lanes and the length), hex. Not
 * cryptographic, as CPython's hash-based .pyc check (SipHash) is not: it tells an edited
 * source from the one converted, and loading node:crypto would cost more start-up time than
 * the whole check.
 */
export function sourceHash(data: string | Uint8Array): string {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i]!, 0x01000193);
    b = Math.imul(b ^ bytes[i]!, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0") + bytes.length.toString(16);
}

function manifestKey(build: string, file: string): [string, string, string] {
  return [build, process.cwd(), file];
}

function programFolder(key: [string, string, string]): string {
  return path.join(cacheFolder(), "run", sourceHash(JSON.stringify(key)));
}

function sourceDigest(file: string): string | null {
  try {
    return sourceHash(fs.readFileSync(file));
  } catch {
    return null;
  }
}

/** Whether looking the modules up again gives the same answers. */
function lookupsHold(root: string, lookups: Lookup[]): boolean {
  const found = new Map<string, ProgramModuleFile | null>();
  const locate = (name: string): ProgramModuleFile | null => {
    if (!found.has(name)) found.set(name, locateModule(root, name, locate));
    return found.get(name)!;
  };
  return lookups.every(([name, file, isPackage]) => {
    const now = locate(name);
    return now === null ? file === null : now.file === file && now.isPackage === isPackage;
  });
}

/** The cached conversion of the program started as `file`, if every input is unchanged. */
export function findCached(file: string): CachedProgram | null {
  const build = buildId();
  if (build === null) return null;
  const key = manifestKey(build, file);
  const folder = programFolder(key);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(folder, "manifest.json"), "utf8")) as Manifest;
  } catch {
    return null;
  }
  // (the folder's name is a digest of the key: the key itself decides)
  if (JSON.stringify(manifest.key) !== JSON.stringify(key) || !fs.existsSync(fileURLToPath(manifest.runtime))) return null;
  if (!manifest.sources.every(([source, hash]) => sourceDigest(source) === hash)) return null;
  if (!lookupsHold(manifest.root, manifest.lookups)) return null;
  const tree = path.join(folder, manifest.tree);
  const script = path.join(tree, manifest.entry);
  if (!fs.existsSync(script)) return null;
  return { tree, script, root: manifest.root, runtime: manifest.runtime, warnings: manifest.warnings };
}

export interface ConvertedProgram {
  root: string;
  /** the entry's script name in the tree */
  entry: string;
  /** absolute path -> bytes digest, entry first */
  sources: [string, string][];
  lookups: Lookup[];
  warnings: string;
}

/**
 * Keeps a new conversion: `write(dir, final)` fills a fresh folder that is renamed to `final`
 * once complete (so its files may name their final paths; a folder of that name always holds
 * the same conversion). Returns null when the cache cannot be used (no
 * build id, or a cache folder that cannot be written): the caller then runs from a temporary folder.
 */
export function storeProgram(file: string, runtimeUrl: string, program: ConvertedProgram, write: (dir: string, final: string) => void): CachedProgram | null {
  const build = buildId();
  if (build === null) return null;
  const key = manifestKey(build, file);
  const folder = programFolder(key);
  const name = sourceHash(JSON.stringify([runtimeUrl, program.sources, program.lookups]));
  const tree = path.join(folder, name);
  try {
    fs.mkdirSync(folder, { recursive: true });
    if (!fs.existsSync(tree)) {
      const partial = fs.mkdtempSync(path.join(folder, ".partial-"));
      try {
        write(partial, tree);
        fs.renameSync(partial, tree);
      } catch (error) {
        fs.rmSync(partial, { recursive: true, force: true });
        // Another process renamed the same conversion into place first.
        if (!fs.existsSync(tree)) throw error;
      }
    }
    const manifest: Manifest = { key, runtime: runtimeUrl, tree: name, entry: program.entry, root: program.root, sources: program.sources, lookups: program.lookups, warnings: program.warnings };
    const temporary = path.join(folder, `.manifest-${process.pid}.tmp`);
    fs.writeFileSync(temporary, JSON.stringify(manifest));
    fs.renameSync(temporary, path.join(folder, "manifest.json"));
  } catch {
    return null;
  }
  pruneOldTrees(folder, name);
  return { tree, script: path.join(tree, program.entry), root: program.root, runtime: runtimeUrl, warnings: program.warnings };
}

/** Where the runtime's V8 code cache for this build goes (null: no cache, as for a build without an id). */
export function codeCacheFile(): string | null {
  const build = buildId();
  return build === null ? null : path.join(cacheFolder(), "v8", `runtime-${build}-${process.version}-${process.arch}.bin`);
}

/** How long a replaced conversion stays: a process still running it may import a module from it later. */
const KEEP_REPLACED_MS = 60 * 60 * 1000;

function pruneOldTrees(folder: string, current: string): void {
  try {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === current) continue;
      const full = path.join(folder, entry.name);
      if (Date.now() - fs.statSync(full).mtimeMs > KEEP_REPLACED_MS) fs.rmSync(full, { recursive: true, force: true });
    }
  } catch {
    // best effort: a stale folder costs only disk space
  }
}
