# Many tasks taking turns at `await asyncio.sleep(0)`: one op is one task step.
# The best of REPEAT rounds is reported (steadier on a busy machine, and past JIT warm-up).
import asyncio
import time

TASKS = 100
STEPS = 1000
REPEAT = 5


async def worker():
    for _ in range(STEPS):
        await asyncio.sleep(0)


async def main():
    best = 0.0
    for _ in range(REPEAT):
        start = time.perf_counter()
        await asyncio.gather(*[worker() for _ in range(TASKS)])
        elapsed = time.perf_counter() - start
        best = max(best, TASKS * STEPS / elapsed)
    print("task_switch: %d" % int(best))


asyncio.run(main())
