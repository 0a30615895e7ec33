# form feed lines and multi-line implicit f-string concatenation
x = 1

def f(sign, hours, minutes):
    return (f"UTC{sign}{hours:02d}:{minutes:02d}"
            f".{minutes:06d}{hours!r:>{sign}}")
x = (f"{a:02d}{b:>{c}}"
     f"{d:03d}{e:<{g}}")
