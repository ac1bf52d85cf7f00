#!/usr/bin/env python3
"""examples/dmn-eval driven as a user runs it: exit 0 with one JSON object of every decision,
numbers exact and dates and durations as ISO 8601 text; exit 2 naming the line and column of bad
XML or JSON, or the input that does not fit; a decision's error on stderr with exit 0.

    test_dmn_eval.py DMN_EVAL DATA_DIR
"""
import os
import subprocess
import sys
import tempfile

DMN_EVAL, DATA = sys.argv[1], sys.argv[2]
failures = []


def run(model, inputs):
    r = subprocess.run([DMN_EVAL, model, inputs], capture_output=True, text=True, timeout=60)
    return r.returncode, r.stdout, r.stderr


def check(name, condition, detail=''):
    if not condition:
        failures.append('%s %s' % (name, detail))


def write(text, suffix):
    f = tempfile.NamedTemporaryFile('w', suffix=suffix, delete=False, encoding='utf-8')
    f.write(text)
    f.close()
    return f.name


HEAD = '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="m" name="m">\n'
eu261 = os.path.join(DATA, 'dmn', 'eu261-compensation.dmn')

# The worked example of README.md's "Standard DMN" section, inputs from a file.
inputs = write('{"Flight distance": 5000, "Intra-Community": false, "Arrival delay": "PT4H",'
               ' "Extraordinary circumstances": false, "Rerouted within limit": true}', '.json')
code, out, err = run(eu261, inputs)
check('eu261 exit', code == 0, err)
check('eu261 output', out == '{"Distance band": {"band": "over 3500 km", "amount": 600}, "Eligible": true, '
      '"Compensation": 300}\n', out)

# Exact numbers both ways, dates and durations out as ISO 8601, lists and contexts.
exact = write(HEAD +
              '<inputData id="x" name="x"><variable name="x" typeRef="number"/></inputData>\n'
              '<inputData id="d" name="Due date"><variable name="Due date" typeRef="date"/></inputData>\n'
              '<decision id="a" name="Sum"><informationRequirement><requiredInput href="#x"/></informationRequirement>'
              '<literalExpression><text>x + 0.2</text></literalExpression></decision>\n'
              '<decision id="b" name="Reminder"><informationRequirement><requiredInput href="#d"/></informationRequirement>'
              '<literalExpression><text>Due date - duration("P7D")</text></literalExpression></decision>\n'
              '<decision id="c" name="Grace"><literalExpression><text>[duration("P1DT2H"), {a: 1.10}]</text>'
              '</literalExpression></decision>\n'
              '<decision id="e" name="Broken"><literalExpression><text>1 / 0</text></literalExpression></decision>\n'
              '</definitions>', '.dmn')
code, out, err = run(exact, '{"x": 0.1000000000000000000000000000000001, "Due date": "2024-03-05"}')
check('exact exit', code == 0, err)
check('exact output', out == '{"Sum": 0.3000000000000000000000000000000001, "Reminder": "2024-02-27", '
      '"Grace": ["P1DT2H", {"a": 1.1}], "Broken": null}\n', out)
check('error on stderr', 'decision "Broken": line 1, column 1: division by zero' in err, err)

# Bad input: exit 2 and a message that says where.
code, out, err = run(exact, '{"x": 1,\n "Due date": 2024-03-05}')
check('bad JSON exit', code == 2, str(code))
check('bad JSON line and column', 'inputs JSON: line 2, column 18' in err, err)
code, out, err = run(exact, '{"Due date": "5 March"}')
check('bad date exit', code == 2, str(code))
check('bad date names the input', 'input "Due date"' in err and 'ISO 8601 date' in err, err)
broken = write(HEAD + '<decision id="a" name="A">\n<literalExpression><text>1</text></literalExpression>\n'
               '</definiton>', '.dmn')
code, out, err = run(broken, '{}')
check('bad XML exit', code == 2, str(code))
check('bad XML line and column', 'DMN XML: line 4, column' in err, err)
code, out, err = run(os.path.join(DATA, 'dmn', 'no-such-model.dmn'), '{}')
check('missing file exit', code == 2, str(code))
code, out, err = run(eu261, os.path.join(DATA, 'dmn', 'no-such-inputs.json'))
check('missing inputs exit', code == 2 and 'no-such-inputs.json' in err, err)
code, out, err = subprocess.run([DMN_EVAL], capture_output=True, text=True).returncode, '', ''
check('usage exit', code == 2)

for path in (inputs, exact, broken):
    os.unlink(path)
for failure in failures:
    print('FAIL ' + failure)
sys.exit(1 if failures else 0)
