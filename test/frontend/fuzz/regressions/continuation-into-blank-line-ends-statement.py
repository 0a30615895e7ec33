t = x if \

    y else z
