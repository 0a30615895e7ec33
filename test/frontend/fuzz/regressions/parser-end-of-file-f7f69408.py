with a:
    pass
@d
