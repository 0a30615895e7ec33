if x:
    @d

