"""The empathy phrase check through the bindings."""

import gc

import pytest

import svcrecover
from memory import growth
from svcrecover import Phrase, PhraseSet, phrase_check

SUGGESTIONS = (
    "I can only imagine how you feel",
    "That's got to be so frustrating",
    "What an unfortunate situation",
)


def test_default_check():
    (m,) = phrase_check("I understand, sorry")
    assert (m.start, m.end, m.phrase) == (0, 12, "I understand")
    assert m.suggestions == SUGGESTIONS


def test_offsets_are_string_indices():
    text = "Désolé — I KNOW how you feel… and i understand’"
    found = phrase_check(text)
    assert [text[m.start : m.end] for m in found] == ["I KNOW how you feel", "i understand"]
    encoded = text.encode()
    assert [encoded[m.byte_start : m.byte_end].decode() for m in found] == ["I KNOW how you feel", "i understand"]
    assert found[0].byte_start > found[0].start


def test_word_boundaries_and_apostrophes():
    assert phrase_check("I understanding") == []
    assert phrase_check("nothing to see") == []
    phrases = PhraseSet([("That's not my job", ["Let me find out who can help"])])
    (m,) = phrases.check("well, that’s   not\nmy job!")
    assert m.phrase == "That's not my job"
    assert m.suggestions == ("Let me find out who can help",)


def test_invalid_utf8_bytes():
    with pytest.raises(svcrecover.InvalidArgument, match="byte 4"):
        phrase_check(b"abc \xff I understand")
    (m,) = phrase_check("x I understand".encode())
    assert (m.start, m.end) == (2, 14)


def test_default_set_contents():
    phrases = PhraseSet.default()
    assert len(phrases) == 2
    assert list(phrases) == [Phrase("I understand", SUGGESTIONS), Phrase("I know how you feel", SUGGESTIONS)]
    assert phrases[1].phrase == "I know how you feel"
    assert repr(phrases) == "PhraseSet(['I understand', 'I know how you feel'])"


def test_custom_sets():
    phrases = PhraseSet(
        [
            "calm down",
            ("No problem", ["Happy to help"]),
            Phrase("policy says", ("Let me see what I can do",)),
            {"phrase": "as I said", "suggestions": ["To recap"]},
        ]
    )
    assert [p.phrase for p in phrases] == ["calm down", "No problem", "policy says", "as I said"]
    found = phrases.check("Calm down. No problem! As I said, I understand.")
    assert [m.phrase for m in found] == ["calm down", "No problem", "as I said"]
    assert phrase_check("Calm down", phrases)[0].suggestions == ()
    assert len(PhraseSet()) == 0


def test_custom_set_errors():
    with pytest.raises(svcrecover.InvalidArgument, match="empty"):
        PhraseSet(["  "])
    with pytest.raises(svcrecover.InvalidArgument, match="repeats"):
        PhraseSet(["a b", "A  B"])
    with pytest.raises(TypeError):
        PhraseSet([("x", "not a list")])
    with pytest.raises(TypeError):
        PhraseSet([42])
    with pytest.raises(ValueError):
        PhraseSet(["a\0b"])


def test_from_json_round_trip():
    import json

    phrases = PhraseSet.default()
    text = json.dumps({"phrases": [{"phrase": p.phrase, "suggestions": list(p.suggestions)} for p in phrases]})
    again = PhraseSet.from_json(text)
    assert list(again) == list(phrases)
    assert PhraseSet.from_json(text.encode()).check("I understand")[0].phrase == "I understand"


def test_matches_keep_working_after_the_set_is_gone():
    found = PhraseSet.default().check("I understand")
    gc.collect()
    assert found[0].suggestions == SUGGESTIONS


def test_sets_are_freed():
    # A leaked set would cost well over 100 bytes each: 100k of them at least 10 MB.
    assert growth(lambda: PhraseSet.default().check("I understand"), 100_000) < 4 * 1024 * 1024
