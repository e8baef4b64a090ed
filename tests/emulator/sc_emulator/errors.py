"""API errors raised by the emulator and turned into Alibaba Cloud error documents by the server."""
from __future__ import annotations


class ApiError(Exception):
    """An API failure: HTTP status, error code and a one-line message (never containing a secret)."""

    def __init__(self, status: int, code: str, message: str, extra: dict | None = None):
        super().__init__(f'{status} {code}: {message}')
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra or {}  # more fields of the error document (e.g. AccessDeniedDetail)


def missing_parameter(name: str) -> ApiError:
    """400 Missing<Name>: a required parameter is absent or empty."""
    return ApiError(400, f'Missing{name}', f'{name} is mandatory for this action.')


def invalid_parameter(message: str, code: str = 'InvalidParameter') -> ApiError:
    """400 InvalidParameter (or a more specific InvalidParameter.<Name>)."""
    return ApiError(400, code, message)


def not_found(entity: str, ident: str) -> ApiError:
    """404 EntityNotExist.<Entity> for an unknown task, instance or plan."""
    return ApiError(404, f'EntityNotExist.{entity}', f'The specified {entity} {ident} does not exist.')
