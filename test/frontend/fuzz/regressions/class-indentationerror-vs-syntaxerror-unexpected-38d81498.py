def register(cls):
    return cls
    def __repr__(self):
        @singleton
class Settings:
    def __init__(self):