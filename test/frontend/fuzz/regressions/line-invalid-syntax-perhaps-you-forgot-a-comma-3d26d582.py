with (℘
    open(b) as g,
):