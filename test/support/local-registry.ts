// An npm registry for installing offline: it serves packuments made from the repository's
// package-lock.json (each version `npm ci` installed, with its dependencies and integrity), so
// npm resolves exactly the packages its cache already holds. Tarballs are not served: npm reads
// them from its cache by integrity, and a request for one (a package not in the cache) fails
// the install instead of reaching the network.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  [field: string]: unknown;
}

/** The manifest fields npm needs to place and install a version. */
const MANIFEST_FIELDS = ["dependencies", "optionalDependencies", "peerDependencies", "peerDependenciesMeta", "bin", "engines", "os", "cpu", "license", "hasInstallScript"];

function packuments(lockFile: string, base: string): Map<string, Record<string, unknown>> {
  const lock = JSON.parse(fs.readFileSync(lockFile, "utf8")) as { packages: Record<string, LockEntry> };
  const byName = new Map<string, Record<string, unknown>>();
  for (const [where, entry] of Object.entries(lock.packages)) {
    const at = where.lastIndexOf("node_modules/");
    if (at < 0 || entry.link || !entry.version || !entry.integrity) continue;
    const name = where.slice(at + "node_modules/".length);
    const manifest: Record<string, unknown> = { name, version: entry.version };
    for (const field of MANIFEST_FIELDS) if (entry[field] !== undefined) manifest[field] = entry[field];
    manifest["dist"] = { tarball: `${base}/-/tarballs/${encodeURIComponent(name)}/${entry.version}.tgz`, integrity: entry.integrity };
    const doc = byName.get(name) ?? { name, "dist-tags": {}, versions: {} };
    (doc["versions"] as Record<string, unknown>)[entry.version] = manifest;
    byName.set(name, doc);
  }
  // `latest` is the newest version the lock holds
  for (const doc of byName.values()) {
    const versions = Object.keys(doc["versions"] as object).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    doc["dist-tags"] = { latest: versions.at(-1) };
  }
  return byName;
}

export interface LocalRegistry {
  url: string;
  /** tarball requests npm made (each one a package its cache lacked) */
  misses: string[];
  close(): Promise<void>;
}

export async function startLocalRegistry(lockFile: string): Promise<LocalRegistry> {
  const misses: string[] = [];
  let docs = new Map<string, Record<string, unknown>>();
  const server = http.createServer((request, response) => {
    const name = decodeURIComponent((request.url ?? "/").slice(1));
    const doc = docs.get(name);
    if (doc === undefined) {
      if (name.startsWith("-/tarballs/")) misses.push(name);
      response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found" }));
      return;
    }
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(doc));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  docs = packuments(lockFile, url);
  return { url, misses, close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // npm keeps its connections alive; they must not hold the server open
        server.closeAllConnections();
      }),
  };
}
