"""The package as a whole: version, public names, stubs, docstrings from the C headers."""

import ast
import pathlib

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
