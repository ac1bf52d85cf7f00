"""svcrecover.export reads what `svcr-desk export` writes (and bare cases), as the desk's report
reads them; case_insight.py reads the same lines."""

import gzip
import json
import subprocess
import sys

import pytest

import svcrecover
from svcrecover import export


@pytest.fixture
def desk_lines(source_root):
    return (source_root / "tests" / "data" / "insight" / "desk_export.jsonl").read_text(encoding="utf-8").splitlines()


def test_desk_lines_count_the_envelope_customer_and_severity(desk_lines):
    insight = svcrecover.Insight()
    assert export.add_lines(insight, desk_lines) == 13
    figures = insight.results()
    assert figures["cases"] == 13 and figures["by_state"]["closed"] == 7
    assert figures["repeat_complaints"]["customers"] == 13  # the envelope's customer ids
    assert figures["retention"]["classified_cases"] == 10  # severities 1-2 minor, 3-5 major
    # The same case, bare: no customer, no severity.
    bare = svcrecover.Insight()
    export.add_lines(bare, [json.dumps(json.loads(line)["case"]) for line in desk_lines])
    assert bare.results()["retention"]["classified_cases"] == 0
    assert bare.results()["by_state"] == figures["by_state"]


def test_record_takes_the_desk_columns(desk_lines):
    insight = svcrecover.Insight()
    case, envelope = export.read_case(desk_lines[1], export.Workflows())
    assert envelope["customer"] == "K-0002" and envelope["severity"] == 5 and "case" not in envelope
    export.add_read(insight, case, envelope)
    assert insight.results()["retention"]["classified_cases"] == 1


def test_plain_and_gzip_files_give_the_same_figures(desk_lines, tmp_path):
    plain, zipped = tmp_path / "a.jsonl", tmp_path / "b.jsonl.gz"
    plain.write_text("\n".join(desk_lines) + "\n\n", encoding="utf-8")
    with gzip.open(zipped, "wt", encoding="utf-8") as f:
        f.write("\n".join(desk_lines) + "\n")
    a, b = svcrecover.Insight(), svcrecover.Insight()
    assert export.add_file(a, str(plain)) == 13 and export.add_file(b, str(zipped)) == 13
    assert a == b


@pytest.mark.parametrize("bad, says", [
    ('{"customer": "K-1", "severity": 9, "case": {}}', '"severity" is 9'),
    ('{"customer": "", "case": {"workflow": "five-step"}}', '"customer" is'),
    ('{"customer": "K-1", "case": "text"}', '"case" must be an object'),
    ('{"id": "C-1"}', "not a case"),
    ('[1, 2]', "not a case"),
    ('{"case": {"workflow": "no-such-flow"}}', "unknown workflow 'no-such-flow'"),
    ('{"customer": "K-1", "case": {"work', "not JSON"),
])
def test_a_bad_line_names_file_and_line(desk_lines, tmp_path, bad, says):
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(desk_lines[:3] + [bad] + desk_lines[3:]) + "\n", encoding="utf-8")
    with pytest.raises(export.CaseLineError) as raised:
        export.add_file(svcrecover.Insight(), str(path))
    assert raised.value.path == str(path) and raised.value.number == 4
    assert str(raised.value).startswith(f"{path}: line 4: ") and says in raised.value.reason
    assert isinstance(raised.value, svcrecover.ParseError)


def test_case_insight_reads_the_desk_export(source_root):
    example = source_root / "examples" / "python" / "case_insight.py"
    data = source_root / "tests" / "data" / "insight"
    run = subprocess.run([sys.executable, str(example), "--json", str(data / "desk_export.jsonl")],
                         capture_output=True, text=True, check=True)
    expected = svcrecover.Insight()
    export.add_file(expected, str(data / "desk_export.jsonl"))
    assert run.stdout.strip() == expected.to_json()
    run = subprocess.run([sys.executable, str(example), str(data / "desk_export_bad.jsonl")], capture_output=True,
                         text=True)
    assert run.returncode == 2 and 'line 2: "severity" is 7' in run.stderr, run.stderr
