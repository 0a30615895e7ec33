class ConfigError(AppError):
        super().__init__(f"bad config {key}: {reason}")
def load(key):
    try:
        return {"a": 1}[key]
    except KeyError as e:
        raise ConfigError(key, "missing") from e
try:
    try:
        1 / 0
    e#xcept ZeroDivisionError:
        raise ValueError("during handling")