// What a build leaves out: folders never entered by default, and `--exclude GLOB` patterns.

/** Skipped unless asked for: virtual environments, caches, installed packages, dot folders. */
export const DEFAULT_EXCLUDES = [".venv", "venv", "__pycache__", "node_modules", ".*"];

/** A glob of the exclude list as a test on one path segment or a relative path (`*`, `?`, `**`). */
export function globMatcher(glob: string): (relative: string) => boolean {
  let pattern = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === "*" && glob[i + 1] === "*") {
      pattern += ".*";
      i++;
    } else if (ch === "*") pattern += "[^/]*";
    else if (ch === "?") pattern += "[^/]";
    else pattern += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  const whole = new RegExp(`^${pattern}$`);
  // A glob without a slash names any file or folder of that name at any depth.
  if (!glob.includes("/")) return (relative) => relative.split("/").some((segment) => whole.test(segment));
  return (relative) => whole.test(relative) || relative.startsWith(glob.replace(/\/$/, "") + "/");
}
