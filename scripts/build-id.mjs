// Writes dist/src/cli/build-id.json: a digest of the built compiler and runtime bundle. The
// `pyts run` cache keys converted programs by it, so any rebuild of pyts (not only a new
// version number) makes earlier conversions stale.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const hash = crypto.createHash("sha256");
const add = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) add(full);
    else if (entry.name.endsWith(".js")) hash.update(path.relative(root, full)).update(fs.readFileSync(full));
  }
};
add(path.join(root, "dist/src"));
hash.update(fs.readFileSync(path.join(root, "runtime/dist/pyts-runtime.js")));
const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
fs.writeFileSync(path.join(root, "dist/src/cli/build-id.json"), JSON.stringify({ version, build: hash.digest("hex").slice(0, 20) }) + "\n");
