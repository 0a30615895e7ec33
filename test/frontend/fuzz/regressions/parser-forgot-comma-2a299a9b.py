f(a not b)
