"""The errors the application reports, as plain exceptions: the query layer raises them
without importing the web layer, and ``app.api.errors`` turns each into its JSON answer
(its ``status_code``, ``code`` and ``loc``).
"""


class AppError(Exception):
    """Base of the errors the API reports."""

    status_code = 400
    code = "bad_request"
    loc: tuple[str, ...] = ()

    def __init__(self, msg: str, *, loc: tuple[str, ...] | None = None) -> None:
        super().__init__(msg)
        self.msg = msg
        if loc is not None:
            self.loc = loc


class NotFound(AppError):
    """No record with this id."""

    status_code = 404
    code = "not_found"


class SummitNotFound(NotFound):
    """No summit with this id."""

    loc = ("path", "summit_id")


class PersonNotFound(NotFound):
    """No person with this id."""

    loc = ("path", "person_id")


class ArticleNotFound(NotFound):
    """No article with this id."""

    loc = ("path", "article_id")


class InvalidQuery(AppError):
    """A query parameter is well-formed but cannot be used."""

    status_code = 422
    code = "value_error"


class InvalidCursor(InvalidQuery):
    """The cursor is not one this API issued for this sort."""

    loc = ("query", "cursor")


class InvalidSort(InvalidQuery):
    """The sort needs another parameter."""

    loc = ("query", "sort")


class InvalidSearch(InvalidQuery):
    """The search text holds nothing to search for."""

    loc = ("query", "q")


class Unauthorized(AppError):
    """Missing or wrong API key."""

    status_code = 401
    code = "unauthorized"
    loc = ("header", "x-api-key")


class PayloadTooLarge(AppError):
    """The request body is over the configured limit."""

    status_code = 413
    code = "payload_too_large"
    loc = ("body",)


class UnprocessableArticle(AppError):
    """The article could not be read or held no text."""

    status_code = 422
    code = "unprocessable_article"
    loc = ("body",)


class ExtractionTooSlow(UnprocessableArticle):
    """The article's extraction ran past EXTRACT_TIMEOUT_SECONDS and was stopped."""

    code = "extraction_timeout"


class DatabaseUnavailable(AppError):
    """The database cannot be reached."""

    status_code = 503
    code = "database_unavailable"
