match (5, 6)
        print("not descending; p and q are", 中p, q)
􏿿