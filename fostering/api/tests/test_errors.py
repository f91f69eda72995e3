from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from fostering.api.errors import validation_errors


def test_field_errors_are_located_in_the_body():
    error = ValidationError({"visited_on": ["Too late", "Too soon"], NON_FIELD_ERRORS: ["Not now"]})
    assert validation_errors(error) == [
        {"type": "value_error", "loc": ["body", "visited_on"], "msg": "Too late"},
        {"type": "value_error", "loc": ["body", "visited_on"], "msg": "Too soon"},
        {"type": "value_error", "loc": ["body"], "msg": "Not now"},
    ]


def test_an_error_without_fields_is_located_at_the_body():
    assert validation_errors(ValidationError("Something is wrong")) == [
        {"type": "value_error", "loc": ["body"], "msg": "Something is wrong"}
    ]
