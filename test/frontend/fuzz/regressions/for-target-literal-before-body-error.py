for a, 4 in [(7.5, 2)]:
    print(a, b, a+/ b,
