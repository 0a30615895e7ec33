# Chains of loop.call_soon callbacks: one op is one callback run by the loop.
# The first round is the cold figure (a fresh process, before JIT warm-up); the best of
# ROUNDS rounds is the warm one. CHAINS * LENGTH is a real program's size.
import asyncio
import time

CHAINS = 10
LENGTH = 20000
ROUNDS = 4


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
    rates = []
    for _ in range(ROUNDS):
        rates.append(one_round(loop))
    loop.close()
    print("callback_throughput: %d" % int(max(rates)))
    print("callback_throughput cold: %d" % int(rates[0]))


main()
