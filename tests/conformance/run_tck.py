#!/usr/bin/env python3
"""Run the DMN TCK's test cases through dmn-eval and count how many pass.

    run_tck.py DMN_EVAL TCK_DIR [LEVEL ...]

TCK_DIR (or the environment's SVCR_DMN_TCK when set) holds the TCK's compliance-level folders (the project reads ../shared/dmn-tck from its
source root; it is not part of the repository). Each test file names a model and gives, per test
case, input values with XML Schema types and the expected value of each result node. The inputs
become a JSON object (numbers keep their decimal text exactly), dmn-eval evaluates the model, and
each expected value is compared with the decision's value in dmn-eval's output. Numbers compare as
exact decimals. The one allowance: where the TCK writes a long result to 15 significant digits
(a division or a power whose exact value has more), the 34-digit result may differ from it by
less than 0.00000001, the tolerance of the TCK's own runner (runners/dmn-tck-runner-drools,
CompareValuesUtil.NUMBER_COMPARISON_PRECISION): those expected values come from binary
floating point (0008-LX-arithmetic #002 expects 562.707359373292; the exact value is
562.7073593732659271562...). Such passes are counted separately.

Exit status: 0 when every test case passes, 1 otherwise, 77 (skipped) when TCK_DIR is absent.
"""
import decimal
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

TC = '{http://www.omg.org/spec/DMN/20160719/testcase}'
XSI = '{http://www.w3.org/2001/XMLSchema-instance}'
D = decimal.Decimal


def value_of(node):
    """The Python value of a <value>, <component>s, or <list> under @node."""
    value = node.find(TC + 'value')
    if value is not None:
        if value.get(XSI + 'nil') == 'true':
            return None
        kind = (value.get(XSI + 'type') or 'xsd:string').split(':')[-1]
        text = value.text or ''
        if kind in ('decimal', 'double', 'integer', 'int', 'long', 'float'):
            return D(text.strip())
        if kind == 'boolean':
            return text.strip() == 'true'
        return text
    components = node.findall(TC + 'component')
    if components:
        return {c.get('name'): value_of(c) for c in components}
    lst = node.find(TC + 'list')
    if lst is not None:
        return [value_of(item) for item in lst.findall(TC + 'item')]
    if node.get(XSI + 'nil') == 'true':
        return None
    return None


def to_json(value):
    """JSON text for @value with numbers written from their decimal text."""
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, D):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return '[' + ', '.join(to_json(v) for v in value) + ']'
    return '{' + ', '.join(json.dumps(k, ensure_ascii=False) + ': ' + to_json(v) for k, v in value.items()) + '}'


TOLERANCE = D('0.00000001')
approximate = []  # test cases that passed only within TOLERANCE
tolerated = [False]  # whether the comparison in progress used TOLERANCE


def numbers_equal(expected, actual):
    if expected == actual:
        return True
    if len(expected.as_tuple().digits) >= 15 and abs(expected - actual) < TOLERANCE:
        tolerated[0] = True
        return True
    return False


def same(expected, actual):
    if isinstance(expected, D):
        return isinstance(actual, D) and numbers_equal(expected, actual)
    if isinstance(expected, bool) or expected is None:
        return actual is expected or (expected is None and actual is None)
    if isinstance(expected, str):
        return isinstance(actual, str) and actual == expected
    if isinstance(expected, list):
        return isinstance(actual, list) and len(actual) == len(expected) and all(
            same(e, a) for e, a in zip(expected, actual))
    if isinstance(expected, dict):
        return isinstance(actual, dict) and set(actual) == set(expected) and all(
            same(expected[k], actual[k]) for k in expected)
    return False


def run_file(dmn_eval, test_path, failures):
    tree = ET.parse(test_path)
    root = tree.getroot()
    folder = os.path.dirname(test_path)
    model = os.path.join(folder, root.find(TC + 'modelName').text.strip())
    passed = total = 0
    for case in root.findall(TC + 'testCase'):
        total += 1
        inputs = {n.get('name'): value_of(n) for n in case.findall(TC + 'inputNode')}
        text = to_json(inputs)
        run = subprocess.run([dmn_eval, model, '-'], input=text.encode(), capture_output=True, timeout=60)
        where = '%s #%s' % (os.path.basename(test_path), case.get('id'))
        if run.returncode != 0:
            failures.append('%s: dmn-eval exited %d: %s' % (where, run.returncode, run.stderr.decode().strip()))
            continue
        tolerated[0] = False
        output = json.loads(run.stdout.decode(), parse_float=D, parse_int=D)
        ok = True
        for result in case.findall(TC + 'resultNode'):
            expected = value_of(result.find(TC + 'expected'))
            name = result.get('name')
            if name not in output:
                failures.append('%s: no decision %r in the output' % (where, name))
                ok = False
            elif not same(expected, output[name]):
                failures.append('%s: %s: expected %s, got %s %s' % (
                    where, name, to_json(expected), to_json(output[name]), run.stderr.decode().strip()))
                ok = False
        passed += ok
        if ok and tolerated[0]:
            approximate.append(where)
    return passed, total


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    dmn_eval, tck = sys.argv[1], os.environ.get('SVCR_DMN_TCK') or sys.argv[2]
    levels = sys.argv[3:] or ['compliance-level-2']
    if not os.path.isdir(tck):
        print('skipped: %s is absent (the DMN TCK is read where it lies, not copied here)' % tck)
        return 77
    failures = []
    passed = total = 0
    for level in levels:
        folder = os.path.join(tck, level)
        if not os.path.isdir(folder):
            print('skipped: %s is absent' % folder)
            return 77
        for model_dir in sorted(os.listdir(folder)):
            path = os.path.join(folder, model_dir)
            if not os.path.isdir(path):
                continue
            for name in sorted(os.listdir(path)):
                if name.endswith('.xml') and '-test-' in name:
                    p, t = run_file(dmn_eval, os.path.join(path, name), failures)
                    passed += p
                    total += t
    for failure in failures:
        print('FAIL ' + failure)
    for where in approximate:
        print('within 1e-8 of a 15-digit expected value: ' + where)
    print('%s: %d/%d test cases pass (%d exactly, %d within the TCK runner\'s 1e-8 of a 15-digit expected value)'
          % (', '.join(levels), passed, total, passed - len(approximate), len(approximate)))
    return 0 if passed == total and total > 0 else 1


if __name__ == '__main__':
    sys.exit(main())
