# Spectral norm of an infinite matrix (float division in nested loops).
import time


def eval_a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def mul_av(v, n):
    return [sum(eval_a(i, j) * v[j] for j in range(n)) for i in range(n)]


def mul_atv(v, n):
    return [sum(eval_a(j, i) * v[j] for j in range(n)) for i in range(n)]


def mul_atav(v, n):
    return mul_atv(mul_av(v, n), n)


def spectral_norm(n):
    u = [1.0] * n
    for _ in range(10):
        v = mul_atav(u, n)
        u = mul_atav(v, n)
    vbv = sum(ue * ve for ue, ve in zip(u, v))
    vv = sum(ve * ve for ve in v)
    return (vbv / vv) ** 0.5


runs = 2
start = time.perf_counter()
for _ in range(runs):
    result = spectral_norm(100)
elapsed = time.perf_counter() - start
assert abs(result - 1.2742199) < 1e-6, result
print(f"spectral_norm: {runs / elapsed:.2f}")
