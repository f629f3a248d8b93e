"""Errors a user can cause, each with a message that says what to do."""


class AssistantError(Exception):
    """Base class: ``str(error)`` is shown to the user as is."""


class InputError(AssistantError):
    """One input (file, URL, record) cannot be ingested; the batch goes on."""


class IndexMismatchError(AssistantError):
    """The index was built with another embedding model or schema."""


class IndexDamagedError(AssistantError):
    """Chroma cannot read part of the index (e.g. its vector index after a crash mid-write)."""


class IndexBusyError(AssistantError):
    """Another process is writing to the index (one writer at a time)."""


class NotFoundError(AssistantError):
    """An article id that the index does not hold."""


class StoreUnavailableError(AssistantError):
    """The Chroma server cannot be reached."""


class QuestionError(AssistantError):
    """A question that cannot be asked: empty, or too long to be a question."""
