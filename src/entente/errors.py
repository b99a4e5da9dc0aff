"""One error tree for the whole package. Each error carries an HTTP-ish status."""


class EntenteError(Exception):
    status = 500


class ConfigError(EntenteError):
    status = 400


class DataError(ConfigError):
    """A shipped or user data file (actors, rules) is invalid."""


class SourceError(EntenteError):
    """An input document could not be read. Names the file and the reason."""

    status = 422

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class StoreError(EntenteError):
    status = 500


class NotFound(EntenteError):
    status = 404
