def memoize(func):
    cache = {}
@yield
print(sys.def() >= 1000)