"""The package as a whole: version, public names, stubs, docstrings from the C headers."""

import ast
import decimal
import pathlib
import pydoc
import re

import svcrecover


def test_version_is_the_library_version():
    parts = svcrecover.__version__.split(".")
    assert len(parts) == 3 and all(p.isdigit() for p in parts)
    assert svcrecover.__version__ == svcrecover._svcrecover.SVCR_VERSION_STRING


def test_all_names_exist():
    for name in svcrecover.__all__:
        assert hasattr(svcrecover, name), name


def _stub_names():
    stub = pathlib.Path(svcrecover.__file__).with_name("__init__.pyi")
    tree = ast.parse(stub.read_text())
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.ImportFrom):
            names.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def test_stubs_cover_the_public_names():
    missing = set(svcrecover.__all__) - _stub_names()
    assert not missing, f"__init__.pyi lacks {sorted(missing)}"


def test_docstrings_carry_the_c_documentation():
    doc = svcrecover.PhraseSet.check.__doc__
    assert "C API: svcr_phrase_check()" in doc
    assert "not valid UTF-8" in doc  # from the Doxygen comment in phrase.h
    assert "svcr_money_parse_decimal" in svcrecover.Money.parse.__doc__


def test_status_codes_do_not_leak():
    public = [n for n in dir(svcrecover) if not n.startswith("_")]
    assert not [n for n in public if n.startswith(("SVCR_", "svcr_"))]


def test_help_on_case_is_useful():
    text = pydoc.render_doc(svcrecover.Case, renderer=pydoc.plaintext)
    # What a case is, how it is used, and for each method the C documentation with the
    # exceptions it raises named as Python knows them.
    assert "One recovery case bound to a workflow" in text
    assert 'case.apply("identified", role="agent", at=1700000100)' in text
    assert "C API: svcr_case_apply()" in text
    assert "GuardError if a required fact is not set" in text
    assert "::SVCR_" not in text and ":rtype:" not in text
    for name in ("apply", "allowed_events", "to_json", "from_json", "facts", "log", "state", "close"):
        assert name in text


def test_docstrings_of_the_newer_engines():
    assert "C API: svcr_agenda_add()" in svcrecover.Agenda.add.__doc__
    assert "C API: svcr_insight_add_many()" in svcrecover.Insight.add_many.__doc__
    assert "C API: svcr_authority_check()" in svcrecover.Authority.check.__doc__
    assert "C API: svcr_guarantee_check()" in svcrecover.Guarantee.check.__doc__
    assert "C API: svcr_servqual_score()" in svcrecover.servqual_score.__doc__


def test_issue_7_names(source_root, tmp_path):
    """The names issue 7 asks for, exactly as it spells them."""
    wf = svcrecover.Workflow.builtin("five-step")
    assert svcrecover.Workflow.from_json(wf.to_json()).name == "five-step"
    case = svcrecover.Case(wf, "C-1", opened_at=1700000000)
    case.facts["expectation"] = "parcel delivered on Monday"
    case.apply("identified", role="agent", at=1700000100)
    assert case.state == "apologize"
    assert case.allowed_events() == ["apologized"]
    (entry,) = list(case.log)
    assert (entry.event, entry.from_state, entry.to_state, entry.at, entry.role) == (
        "identified", "identify", "apologize", 1700000100, "agent")
    text = case.to_json()
    assert svcrecover.Case.from_json(wf, text).to_json() == text
    # five-step's timers count in "business" hours: the host binds a calendar to the name.
    config = svcrecover.TimerConfig(wf, calendars={"business": svcrecover.Calendar.always_open()})
    first, resolution, follow_up = case.timers(at=1700003700, config=config)
    assert (first.name, first.state, first.breached, first.due_at) == ("first_response", "running", True, 1700003600)
    assert (resolution.state, resolution.breached, resolution.remaining) == ("running", False, 57600 - 3700)
    assert (follow_up.state, follow_up.due_at) == ("not-started", None)

    table_text = svcrecover.Table.builtin_text("severity-value")
    table = svcrecover.Table.parse(table_text)
    path = tmp_path / "mine.table"
    path.write_text(table_text)
    assert svcrecover.Table.from_file(path).name == table.name
    result = table.evaluate({"severity": 4, "tier": "gold", "price": svcrecover.Money(12000, "EUR")})
    (offer,) = result.offers
    assert (offer.kind, offer.amount, offer.approval, offer.rule) == (
        "partial_refund", svcrecover.Money(9000, "EUR"), "manager", "s4-gold")
    if svcrecover.Table.dmn_available():
        dmn = svcrecover.Table.from_file(source_root / "tests" / "data" / "atone_offers.dmn")
        assert dmn.name

    assessed = svcrecover.maturity.assess({"complaint_channel": True})
    assert (assessed.stage, assessed.stage_name) == (1, "Moribund")
    assert isinstance(assessed.gaps, list) and isinstance(assessed.missing, list)

    (match,) = svcrecover.phrase_check("I understand, sorry")
    assert (match.start, match.end, match.phrase) == (0, 12, "I understand")
    assert match.suggestions

    for name in ("Error", "StateError", "GuardError", "ParseError", "InvalidArgument", "NotFound"):
        assert issubclass(getattr(svcrecover, name), svcrecover.Error)
    assert issubclass(svcrecover.MoneyOverflowError, OverflowError)
    assert svcrecover.Money.from_decimal(decimal.Decimal("12.50"), "EUR").to_decimal() == decimal.Decimal("12.50")


def test_the_readme_python_section_runs(source_root, capsys):
    readme = (source_root / "README.md").read_text()
    section = readme[readme.index("## Python") :]
    section = section[: section.index("\n## ", 1)]
    code = "\n".join(re.findall(r"```python\n(.*?)```", section, re.S))
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "partial_refund 90.00 EUR manager" in out
    assert "Approval(allowed=False, escalate_to='manager')" in out
