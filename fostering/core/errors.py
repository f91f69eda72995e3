"""Errors raised by service functions, with a message a person can act on."""

from django.core.exceptions import PermissionDenied, ValidationError

__all__ = ["NotAllowed", "PermissionDenied", "ValidationError"]


class NotAllowed(PermissionDenied):
    """The acting user may not do this to this record."""
