# Create many short tasks and gather them: one op is one task created, run and collected.
# The best of REPEAT rounds is reported (steadier on a busy machine, and past JIT warm-up).
import asyncio
import time

TASKS = 10000
REPEAT = 8


async def job(i):
    return i * 2


async def main():
    best = 0.0
    for _ in range(REPEAT):
        start = time.perf_counter()
        tasks = [asyncio.create_task(job(i)) for i in range(TASKS)]
        results = await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - start
        best = max(best, len(results) / elapsed)
    print("spawn_gather: %d" % int(best))


asyncio.run(main())
