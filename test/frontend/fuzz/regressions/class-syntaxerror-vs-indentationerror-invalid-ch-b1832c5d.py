class Range2:
    def __init__(self, n):
    def __len__(self):
        return (self.n + 1) /𝟙/ 2