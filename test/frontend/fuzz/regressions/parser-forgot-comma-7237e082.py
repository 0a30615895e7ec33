class A:
    @d
    # c

