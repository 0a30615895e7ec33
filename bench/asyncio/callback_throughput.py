# Chains of loop.call_soon callbacks: one op is one callback run by the loop.
# The best of REPEAT rounds is reported (steadier on a busy machine, and past JIT warm-up).
import asyncio
import time

CHAINS = 10
LENGTH = 10000
REPEAT = 5


def one_round(loop):
    remaining = [CHAINS]

    def step(n):
        if n > 0:
            loop.call_soon(step, n - 1)
        else:
            remaining[0] -= 1
            if remaining[0] == 0:
                loop.stop()

    for _ in range(CHAINS):
        loop.call_soon(step, LENGTH)
    start = time.perf_counter()
    loop.run_forever()
    elapsed = time.perf_counter() - start
    return CHAINS * (LENGTH + 1) / elapsed


def main():
    loop = asyncio.new_event_loop()
    best = 0.0
    for _ in range(REPEAT):
        best = max(best, one_round(loop))
    loop.close()
    print("callback_throughput: %d" % int(best))


main()
