// The standard-library modules emitted code imports, as namespace objects
// (`import time` -> `time.sleep(1n)`, `urllib.request.urlopen(url)`).

export { timeModule as time } from "./time.js";
export { datetimeModule as datetime } from "./datetime.js";
export { sysModule as sys } from "./sys.js";
export { urllibModule as urllib } from "./urllib.js";
export { aiohttpModule as aiohttp } from "./aiohttp.js";
