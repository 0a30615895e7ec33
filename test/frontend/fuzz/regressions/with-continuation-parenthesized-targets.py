with\
 x as self.y, z as (a, b):
    pass
