# a dot then an exponent: float literals, not attributes
x = 3.e14
y = 1.e-5 * 2 + 1_0.E+5
z = a1.e5
w = f"{1.e5:x} {2.E-3}"
