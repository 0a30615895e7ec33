class Base:
        x = 1
 \
        return 2
