class Counter:
    def __init__(self):
        self.count = 0

    def __call__(self, *args):
        self.count += 1
        return self.count


class Multiplier:
    def __init__(self, factor):
        self.factor = factor

    def __call__(self, x):
        return x * self.factor


class Polynomial:
    def __init__(self, *coeffs):
        self.coeffs = coeffs

    def __call__(self, x):
        return sum(c * x ** i for i, c in enumerate(self.coeffs))

    def __repr__(self):
        terms = [f"{c}x^{i}" if i else str(c) for i, c in enumerate(self.coeffs) if c]
        return " + ".join(reversed(terms)) or "0"


c = Counter()
c(); c(); c("x")
print(c.count, callable(c), callable(Counter), callable(5))
double = Multiplier(2)
print(list(map(double, [1, 2, 3])), double(2.5))
p = Polynomial(1, 0, 3)
print(p, [p(x) for x in range(4)])
print(sorted([3, -1, 2], key=Multiplier(-1)))
funcs = [len, str.upper, double, lambda s: s * 2]
print([f("ab") for f in funcs])
