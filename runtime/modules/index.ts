// The standard-library modules emitted code imports, as namespace objects
// (`import time` -> `time.sleep(1n)`, `urllib.request.urlopen(url)`).

export { timeModule as time } from "./time.js";
export { datetimeModule as datetime } from "./datetime.js";
export { sysModule as sys } from "./sys.js";
export { urllibModule as urllib } from "./urllib.js";
export { aiohttpModule as aiohttp } from "./aiohttp.js";
export { osModule as os } from "./os.js";
export { fnmatchModule as fnmatch, globModule as glob } from "./fnmatch.js";
export { shutilModule as shutil, tempfileModule as tempfile } from "./shutil.js";
export { randomModule as random } from "./random.js";
export { functoolsModule as functools } from "./functools.js";
export { itertoolsModule as itertools } from "./itertools.js";
export { collectionsModule as collections } from "./collections.js";
export { namedTupleBase } from "./namedtuple.js";
export { mathModule as math } from "./math.js";
export { cmathModule as cmath } from "./cmath.js";
export { loggingModule as logging } from "./logging.js";
export { dataclassesModule as dataclasses } from "./dataclasses.js";
export { contextlibModule as contextlib } from "./contextlib.js";
export { typingModule as typing } from "./typing.js";
export { jsonModule as json } from "./json.js";
export { enumModule as enum } from "./enum.js";
export { stringModule as string } from "./string.js";
export { bisectModule as bisect } from "./bisect.js";
export { reModule as re } from "./re.js";
export { textwrapModule as textwrap } from "./textwrap.js";
export { pprintModule as pprint } from "./pprint.js";
export { operatorModule as operator } from "./operator.js";
export { copyModule as copy } from "./copy.js";
export { abcModule as abc, markAbstract } from "./abc.js";
export { heapqModule as heapq } from "./heapq.js";
export { importlibModule as importlib } from "./importlib.js";
export { importName, moduleAttribute } from "./module-object.js";
export { moduleNamespace, lookupGlobal } from "./module-namespace.js";
export { withAnnotations } from "./functools-dispatch.js";
export { defineModule, moduleReady, importModule, importFrom, importByName, ProgramModule, type Accessor } from "./program-modules.js";
