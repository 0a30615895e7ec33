# Float arithmetic in a tight loop: a Mandelbrot escape-time count.
import time


def mandelbrot(size, max_iter):
    inside = 0
    for py in range(size):
        y0 = py / size * 2.0 - 1.0
        for px in range(size):
            x0 = px / size * 3.0 - 2.0
            x = y = 0.0
            i = 0
            while x * x + y * y <= 4.0 and i < max_iter:
                x, y = x * x - y * y + x0, 2.0 * x * y + y0
                i += 1
            if i == max_iter:
                inside += 1
    return inside


runs = 3
start = time.perf_counter()
for _ in range(runs):
    result = mandelbrot(120, 50)
elapsed = time.perf_counter() - start
assert result == 3812, result
print(f"float_loop: {runs / elapsed:.2f}")
