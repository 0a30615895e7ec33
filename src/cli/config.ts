// The build's settings from a file, so a project need not repeat its flags: `pyts.config.json`
// in the working folder, or else the `"pyts"` field of its `package.json`. Flags override both.
import fs from "node:fs";
import path from "node:path";
import { ConversionFailed } from "./convert.js";

export interface BuildConfig {
  /** files and folders to convert */
  roots?: string[];
  outDir?: string;
  /** globs added to the default excludes */
  exclude?: string[];
  /** the module specifier emitted code imports the runtime from */
  runtime?: string;
  /** format the output with prettier (default true) */
  format?: boolean;
  /** where each source map goes: "file" (OUT.ts.map, the default), "inline" or "none" */
  sourceMap?: "file" | "inline" | "none";
}

const KEYS: Record<keyof BuildConfig, "strings" | "string" | "boolean"> = {
  roots: "strings",
  outDir: "string",
  exclude: "strings",
  runtime: "string",
  format: "boolean",
  sourceMap: "string",
};

/** The values a setting may take, where only some strings are right. */
const CHOICES: Partial<Record<keyof BuildConfig, readonly string[]>> = { sourceMap: ["file", "inline", "none"] };

function validate(value: unknown, where: string): BuildConfig {
  const fail = (why: string): never => {
    throw new ConversionFailed(`${where}: error: ${why}`);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail("the pyts settings must be an object");
  const config = value as Record<string, unknown>;
  for (const [key, given] of Object.entries(config)) {
    const kind = KEYS[key as keyof BuildConfig];
    if (kind === undefined) fail(`unknown setting '${key}' (known: ${Object.keys(KEYS).join(", ")})`);
    const ok =
      kind === "strings" ? Array.isArray(given) && given.every((g) => typeof g === "string") : kind === "string" ? typeof given === "string" : typeof given === "boolean";
    if (!ok) fail(`'${key}' must be ${kind === "strings" ? "a list of strings" : `a ${kind}`}`);
    const choices = CHOICES[key as keyof BuildConfig];
    if (choices && !choices.includes(given as string)) fail(`'${key}' must be one of ${choices.map((c) => JSON.stringify(c)).join(", ")}`);
  }
  // Paths in the file are relative to the file's folder, not to wherever pyts runs.
  const base = path.dirname(where);
  const resolved: BuildConfig = { ...(config as BuildConfig) };
  if (resolved.roots) resolved.roots = resolved.roots.map((r) => path.resolve(base, r));
  if (resolved.outDir) resolved.outDir = path.resolve(base, resolved.outDir);
  return resolved;
}

/** The settings found in `dir`, or none. */
export function loadBuildConfig(dir: string): BuildConfig {
  const own = path.join(dir, "pyts.config.json");
  const read = (file: string): unknown => {
    try {
      return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
      throw new ConversionFailed(`${file}: error: cannot read it as JSON (${(error as Error).message})`);
    }
  };
  if (fs.existsSync(own)) return validate(read(own), own);
  const pkg = path.join(dir, "package.json");
  if (fs.existsSync(pkg)) {
    const field = (read(pkg) as { pyts?: unknown }).pyts;
    if (field !== undefined) return validate(field, pkg);
  }
  return {};
}
