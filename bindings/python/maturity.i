/* maturity: five-stage scoring from a questionnaire and/or metrics; gaps to the next stage. */

SVCR_PY_HANDLE(svcr_maturity_model, svcr_maturity_model_free)
SVCR_PY_HANDLE(svcr_maturity_answers, svcr_maturity_answers_free)
SVCR_PY_HANDLE(svcr_maturity_metric_map, svcr_maturity_metric_map_free)
SVCR_PY_HANDLE(svcr_maturity_result, svcr_maturity_result_free)
%ignore svcr_maturity_criterion;
%ignore svcr_maturity_stage_score;
%ignore svcr_maturity_gap;

%{
static const char *svcr_py_maturity_kind(svcr_maturity_kind kind)
{
    return kind == SVCR_MATURITY_NUMBER ? "number" : "bool";
}

static const char *svcr_py_maturity_direction(svcr_maturity_direction direction)
{
    return direction == SVCR_MATURITY_AT_MOST ? "at_most" : "at_least";
}
%}

/* (id, stage, kind, threshold, direction, question, source) */
%typemap(in, numinputs=0) svcr_maturity_criterion *out (svcr_maturity_criterion tmp) {
    memset(&tmp, 0, sizeof tmp);
    tmp.size = sizeof tmp;
    $1 = &tmp;
}
%typemap(argout) svcr_maturity_criterion *out {
    $result = svcr_py_append($result, Py_BuildValue("(NisdsNN)", svcr_py_str($1->id), $1->stage,
                                                    svcr_py_maturity_kind($1->kind), $1->threshold,
                                                    svcr_py_maturity_direction($1->direction),
                                                    svcr_py_str($1->question), svcr_py_str($1->source)));
    if ($result == NULL)
        SWIG_fail;
}

/* (stage, total, met, unmet, missing, share) */
%typemap(in, numinputs=0) svcr_maturity_stage_score *out (svcr_maturity_stage_score tmp) {
    memset(&tmp, 0, sizeof tmp);
    tmp.size = sizeof tmp;
    $1 = &tmp;
}
%typemap(argout) svcr_maturity_stage_score *out {
    $result = svcr_py_append($result, Py_BuildValue("(innnnd)", $1->stage, (Py_ssize_t)$1->total,
                                                    (Py_ssize_t)$1->met, (Py_ssize_t)$1->unmet,
                                                    (Py_ssize_t)$1->missing, $1->share));
    if ($result == NULL)
        SWIG_fail;
}

/* (id, stage, kind, given, needed, direction) */
%typemap(in, numinputs=0) svcr_maturity_gap *out (svcr_maturity_gap tmp) {
    memset(&tmp, 0, sizeof tmp);
    tmp.size = sizeof tmp;
    $1 = &tmp;
}
%typemap(argout) svcr_maturity_gap *out {
    $result = svcr_py_append($result, Py_BuildValue("(Nisdds)", svcr_py_str($1->id), $1->stage,
                                                    svcr_py_maturity_kind($1->kind), $1->given, $1->needed,
                                                    svcr_py_maturity_direction($1->direction)));
    if ($result == NULL)
        SWIG_fail;
}

%typemap(in, numinputs=0) size_t *index (size_t tmp = 0) { $1 = &tmp; }
%typemap(argout) size_t *index {
    $result = svcr_py_append($result, PyLong_FromSize_t(*$1));
    if ($result == NULL)
        SWIG_fail;
}

%typemap(in, numinputs=0) bool *filled (bool tmp = false) { $1 = &tmp; }
%typemap(argout) bool *filled {
    $result = svcr_py_append($result, PyBool_FromLong(*$1));
    if ($result == NULL)
        SWIG_fail;
}

%typemap(in) uint64_t numerator, uint64_t denominator {
    unsigned long long value = PyLong_Check($input) ? PyLong_AsUnsignedLongLong($input) : (unsigned long long)-1;
    if (!PyLong_Check($input)) {
        PyErr_Format(PyExc_TypeError, "expected int, got %s", Py_TYPE($input)->tp_name);
        SWIG_fail;
    }
    if (value == (unsigned long long)-1 && PyErr_Occurred())
        SWIG_fail;
    $1 = (uint64_t)value;
}

%include <svcrecover/maturity.h>
