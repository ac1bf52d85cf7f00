"""The package as a whole: version, public names, stubs, help() written for Python."""

import ast
import decimal
import doctest
import pathlib
import pydoc
import re

import svcrecover
import svcrecover.dask
import svcrecover.export


def test_version_is_the_library_version():
    parts = svcrecover.__version__.split(".")
    assert len(parts) == 3 and all(p.isdigit() for p in parts)
    assert svcrecover.__version__ == svcrecover._svcrecover.SVCR_VERSION_STRING


# The public names: what the stubs declare and the runtime must have (stubtest checks the rest).
PUBLIC = (
    "Error InvalidArgumentError OutOfMemoryError StateError GuardError ParseError LimitError NotFoundError "
    "PermissionDeniedError CurrencyMismatchError ConflictError Money Rounding DEFAULT_ROUNDING minor_digits Time "
    "Duration TimeOfDay parse_time format_time to_datetime Calendar CalendarBuilder Workflow State Transition Fact "
    "Timer TimerConfig Case Facts FactValue CaseLog LogEntry TimerState TimerStatus Agenda AgendaEntry Table "
    "TableFactValue TableResult Offer TraceStep Authority Approval Guarantee GuaranteeThresholds GuaranteeReport "
    "CriterionCheck GUARANTEE_CRITERIA Insight servqual_score insight maturity Phrase PhraseLike PhraseMatch "
    "PhraseSet phrase_check"
).split()


def test_public_names_exist():
    for name in PUBLIC:
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
    missing = set(PUBLIC) - _stub_names()
    assert not missing, f"__init__.pyi lacks {sorted(missing)}"


def test_status_codes_do_not_leak():
    public = [n for n in dir(svcrecover) if not n.startswith("_")]
    assert not [n for n in public if n.startswith(("SVCR_", "svcr_"))]


# Every public module of the package (svcrecover.dask imports dask only when it runs).
MODULES = (svcrecover, svcrecover.insight, svcrecover.maturity, svcrecover.export, svcrecover.dask)


def test_every_public_module_is_checked():
    """A new public module gets its help pages checked too."""
    package = pathlib.Path(svcrecover.__file__).parent
    public = {p.stem for p in package.glob("*.py") if not p.stem.startswith("_")}
    assert public == {m.__name__.split(".")[-1] for m in MODULES[1:]}


def test_the_examples_in_the_modules_run():
    """The >>> examples of every public module's help (svcrecover.dask's need a cluster: skipped)."""
    for module in MODULES:
        failed, attempted = doctest.testmod(module)
        assert not failed, module.__name__
        assert attempted or module is svcrecover.dask, module.__name__


def _every_help_page():
    pages = list(MODULES)
    for module in MODULES:
        pages += [getattr(module, n) for n in dir(module)
                  if not n.startswith("_") and getattr(getattr(module, n), "__module__", "").startswith("svcrecover")]
    return [pydoc.render_doc(page, renderer=pydoc.plaintext) for page in pages]


def test_help_has_no_c_reference():
    """Issue 18: help() was the C reference (":param out: ... not NULL", "free with svcr_free()",
    "::SVCR_INSIGHT_SCORE_MIN") and showed <object object at 0x...> for defaults."""
    for text in _every_help_page():
        for c_word in ("svcr_", "NULL", "free with", "::", ":param", ":rtype:", "object object at", "C API"):
            assert c_word not in text, (c_word, text[:200])


def test_help_on_the_package_is_an_index():
    """Issue 18: help(svcrecover) was 5,237 lines; now a page that leads to the classes."""
    text = pydoc.render_doc(svcrecover, renderer=pydoc.plaintext)
    assert len(text.splitlines()) < 150
    for name in ("Workflow", "Case", "Calendar", "Agenda", "Table", "Money", "Insight", "GuardError"):
        assert name in text


def test_help_on_case_reads_like_python():
    text = pydoc.render_doc(svcrecover.Case, renderer=pydoc.plaintext)
    assert "One recovery case bound to a workflow" in text
    assert "Case(workflow: 'Workflow', id: 'str', opened_at: 'Time')" in text
    assert 'case.apply("identified", role="agent", at=datetime(2026, 11, 23, 9, 5, tzinfo=timezone.utc))' in text
    apply_doc = svcrecover.Case.apply.__doc__
    for raised in ("StateError", "GuardError", "PermissionDeniedError", "InvalidArgumentError", "TypeError"):
        assert raised in apply_doc
    assert "``.allowed``" in apply_doc and "``.fact``" in apply_doc
    for name in ("apply", "allowed_events", "to_json", "from_json", "facts", "log", "state", "timers", "close"):
        assert name in text


def test_defaults_show_their_values():
    text = pydoc.render_doc(svcrecover.Insight, renderer=pydoc.plaintext)
    assert "quick_resolution_seconds: 'int' = 86400" in text
    assert "first_response_event: 'Optional[str]' = 'apologized'" in text


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
        "identified", "identify", "apologize", svcrecover.to_datetime(1700000100), "agent")
    text = case.to_json()
    assert svcrecover.Case.from_json(wf, text).to_json() == text
    # five-step's timers count in "business" hours: the host binds a calendar to the name.
    config = svcrecover.TimerConfig(wf, calendars={"business": svcrecover.Calendar.always_open()})
    first, resolution, follow_up = case.timers(at=1700003700, config=config)
    running = svcrecover.TimerState.RUNNING
    assert (first.name, first.state, first.breached, first.due_at) == (
        "first_response", running, True, svcrecover.to_datetime(1700003600))
    assert (resolution.state, resolution.breached, resolution.remaining.total_seconds()) == (running, False, 57600 - 3700)
    assert (follow_up.state, follow_up.due_at) == (svcrecover.TimerState.NOT_STARTED, None)

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
    # The same session with datetimes in and out (issue 18).
    assert "apologize ['apologized'] 2026-11-23 09:05:00+00:00" in out
    assert "first_response running 2026-11-23 10:00:00+00:00 -1 day, 23:00:00" in out
    assert "C-1 resolution overdue since 2026-11-24 09:00:00+00:00" in out


def test_the_readme_install_command_names_its_interpreter(source_root):
    """Issue 18: `python3 -m venv` failed with "No module named 'mesonpy'" when python3 was not
    Debian's; the command uses /usr/bin/python3 (whose python3-mesonpy the build needs), and git
    ignores the venv/ it makes."""
    readme = (source_root / "README.md").read_text()
    assert "/usr/bin/python3 -m venv --system-site-packages venv && venv/bin/pip install --no-build-isolation ." in readme
    assert "\npython3 -m venv" not in readme
    ignored = (source_root / ".gitignore").read_text().split()
    assert "venv/" in ignored
