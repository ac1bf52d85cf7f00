"""Every status becomes its own exception class carrying the library's message."""

import pytest

import svcrecover
from svcrecover import _svcrecover as c


@pytest.mark.parametrize(
    "cls, bases",
    [
        (svcrecover.InvalidArgument, (ValueError,)),
        (svcrecover.OutOfMemory, (MemoryError,)),
        (svcrecover.StateError, ()),
        (svcrecover.GuardError, ()),
        (svcrecover.ParseError, (ValueError,)),
        (svcrecover.MoneyOverflowError, (OverflowError,)),
        (svcrecover.NotFound, (LookupError,)),
        (svcrecover.PermissionDenied, (PermissionError,)),
        (svcrecover.CurrencyMismatch, (ValueError,)),
        (svcrecover.ConflictError, ()),
    ],
)
def test_hierarchy(cls, bases):
    assert issubclass(cls, svcrecover.Error)
    for base in bases:
        assert issubclass(cls, base)


def test_every_status_has_its_class():
    statuses = {v for k, v in vars(c).items() if k.startswith("SVCR_E") and isinstance(v, int) and v < 0}
    from svcrecover._errors import BY_STATUS

    assert set(BY_STATUS) == statuses
    assert len(set(BY_STATUS.values())) == len(statuses)


def test_invalid_argument_from_the_library():
    with pytest.raises(svcrecover.InvalidArgument, match="ISO 4217"):
        svcrecover.Money(5, "eur")


def test_parse_error_has_line_and_column():
    with pytest.raises(svcrecover.ParseError) as info:
        svcrecover.PhraseSet.from_json('{"phrases": [\n  {"phrase": "a",\n   "suggestions": 7}]}')
    assert info.value.line == 3
    assert info.value.column == 19
    assert "line 3, column 19" in str(info.value)
    assert info.value.message == str(info.value)


def test_parse_error_for_json_syntax():
    with pytest.raises(svcrecover.ParseError) as info:
        svcrecover.PhraseSet.from_json('{"phrases": [\n\n  nope]}')
    assert info.value.line == 3
    assert info.value.column > 0


def test_overflow():
    big = svcrecover.Money(2**62, "EUR")
    with pytest.raises(svcrecover.MoneyOverflowError):
        big + big
    with pytest.raises(OverflowError):
        big * 4


def test_currency_mismatch():
    with pytest.raises(svcrecover.CurrencyMismatch):
        svcrecover.Money(1, "EUR") + svcrecover.Money(1, "USD")
    with pytest.raises(svcrecover.CurrencyMismatch):
        svcrecover.Money(1, "EUR") < svcrecover.Money(1, "USD")


def test_not_found():
    phrases = svcrecover.PhraseSet.default()
    with pytest.raises(svcrecover.NotFound, match="no phrase at index 9"):
        c.svcr_phrase_set_phrase(phrases._handle, 9)


def test_state_error_after_release():
    handle = c.svcr_phrase_set_builtin()
    c._release(handle)
    c._release(handle)  # idempotent
    with pytest.raises(svcrecover.StateError, match="closed"):
        c.svcr_phrase_set_count(handle)


def test_wrong_handle_type_is_a_type_error():
    with pytest.raises(TypeError, match="svcr_phrase_set"):
        c.svcr_phrase_set_count(object())


@pytest.mark.parametrize(
    "cls", [svcrecover.OutOfMemory, svcrecover.PermissionDenied, svcrecover.ConflictError, svcrecover.GuardError]
)
def test_classes_the_c_layer_raises_are_constructible(cls):
    # The C layer builds every exception as cls(message, line, column).
    error = cls("why", 0, 0)
    assert str(error) == "why"
    assert error.message == "why"


def test_time_errors():
    with pytest.raises(svcrecover.InvalidArgument):
        svcrecover.parse_time("2026-02-29")
    with pytest.raises(svcrecover.MoneyOverflowError):
        svcrecover.parse_time("@99999999999999999999")
