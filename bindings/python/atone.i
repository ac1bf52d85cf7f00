/* atone: decision tables (text, DMN XML), evaluation into offers with a trace; approval
 * authority; the service-guarantee check. */

SVCR_PY_HANDLE(svcr_table, svcr_table_free)
SVCR_PY_HANDLE(svcr_table_facts, svcr_table_facts_free)
SVCR_PY_HANDLE(svcr_table_result, svcr_table_result_free)
%ignore svcr_table_value;
%ignore svcr_table_offer;
%ignore svcr_table_trace_step;
%ignore svcr_table_facts_find;
%ignore svcr_table_facts_set_at;
%ignore svcr_table_result_output;
%ignore svcr_table_result_aggregate;
%ignore svcr_table_result_offers; /* Python reads offers one by one through svcr_table_result_offer(), O(1) each */
SVCR_PY_HANDLE(svcr_authority, svcr_authority_free)
%ignore svcr_approval;
%ignore svcr_guarantee;
%ignore svcr_guarantee_thresholds;
%ignore svcr_guarantee_report;

%typemap(in, numinputs=0) const char **text (const char *tmp = NULL) { $1 = ($1_ltype)&tmp; }
%typemap(argout) const char **text {
    $result = svcr_py_append($result, svcr_py_str(*$1));
    if ($result == NULL)
        SWIG_fail;
}

/* Offers and trace steps as tuples (the package names them). */
%typemap(out) const svcr_table_offer * {
    if ($1 == NULL) {
        PyErr_SetString(PyExc_IndexError, "offer index out of range");
        SWIG_fail;
    }
    $result = Py_BuildValue("(NNNNN)", svcr_py_str($1->kind),
                            $1->has_amount ? svcr_py_money_out($1->amount) : (Py_INCREF(Py_None), Py_None),
                            svcr_py_str($1->approval), svcr_py_str($1->rule), svcr_py_str($1->annotation));
    if ($result == NULL)
        SWIG_fail;
}
%typemap(out) const svcr_table_trace_step * {
    if ($1 == NULL) {
        PyErr_SetString(PyExc_IndexError, "trace index out of range");
        SWIG_fail;
    }
    $result = Py_BuildValue("(NNiNNN)", svcr_py_str($1->table), svcr_py_str($1->rule), $1->line,
                            PyBool_FromLong($1->matched), svcr_py_str($1->input), svcr_py_str($1->test));
    if ($result == NULL)
        SWIG_fail;
}

/* Authority levels in: a sequence of str (borrowed from it), or None for the defaults. */
%typemap(in) (const char *const *levels, size_t count) (PyObject *fast = NULL, const char **tmp = NULL) {
    $2 = 0;
    if ($input != Py_None) {
        fast = PySequence_Fast($input, "expected a sequence of level names");
        if (fast == NULL)
            SWIG_fail;
        Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
        tmp = PyMem_Calloc((size_t)n + 1, sizeof *tmp);
        if (tmp == NULL) {
            PyErr_NoMemory();
            SWIG_fail;
        }
        for (Py_ssize_t i = 0; i < n; i++)
            if (svcr_py_name(PySequence_Fast_GET_ITEM(fast, i), &tmp[i]) != 0)
                SWIG_fail;
        $2 = (size_t)n;
    }
    $1 = ($1_ltype)tmp;
}
%typemap(freearg) (const char *const *levels, size_t count) {
    PyMem_Free(tmp$argnum);
    Py_XDECREF(fast$argnum);
}

/* An approval: (allowed, escalate_to). */
%typemap(in, numinputs=0) svcr_approval *out (svcr_approval tmp) {
    memset(&tmp, 0, sizeof tmp);
    tmp.size = sizeof tmp;
    $1 = &tmp;
}
%typemap(argout) svcr_approval *out {
    $result = svcr_py_append($result, Py_BuildValue("(NN)", PyBool_FromLong($1->allowed), svcr_py_str($1->escalate_to)));
    if ($result == NULL)
        SWIG_fail;
}

/* A guarantee from the package's tuple (promise, payout, price, invoke_steps, collect_days,
 * conditions); strings borrowed from it. */
%typemap(in) const svcr_guarantee *guarantee (svcr_guarantee tmp, const char **condition_texts = NULL) {
    PyObject *t = $input;
    int64_t steps = 0, days = 0;
    if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) != 6 || !PyTuple_Check(PyTuple_GET_ITEM(t, 5))) {
        PyErr_SetString(PyExc_TypeError, "expected a guarantee tuple");
        SWIG_fail;
    }
    memset(&tmp, 0, sizeof tmp);
    tmp.size = sizeof tmp;
    PyObject *list = PyTuple_GET_ITEM(t, 5);
    condition_texts = PyMem_Calloc((size_t)PyTuple_GET_SIZE(list) + 1, sizeof *condition_texts);
    if (condition_texts == NULL) {
        PyErr_NoMemory();
        SWIG_fail;
    }
    if (svcr_py_name(PyTuple_GET_ITEM(t, 0), &tmp.promise) != 0 ||
        svcr_py_money_in(PyTuple_GET_ITEM(t, 1), &tmp.payout) != 0 ||
        svcr_py_money_in(PyTuple_GET_ITEM(t, 2), &tmp.price) != 0 ||
        svcr_py_ranged(PyTuple_GET_ITEM(t, 3), INT_MIN, INT_MAX, "invoke_steps", &steps) != 0 ||
        svcr_py_ranged(PyTuple_GET_ITEM(t, 4), INT_MIN, INT_MAX, "collect_days", &days) != 0)
        SWIG_fail;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(list); i++)
        if (svcr_py_name(PyTuple_GET_ITEM(list, i), &condition_texts[i]) != 0)
            SWIG_fail;
    tmp.invoke_steps = (int)steps;
    tmp.collect_days = (int)days;
    tmp.conditions = condition_texts;
    tmp.condition_count = (size_t)PyTuple_GET_SIZE(list);
    $1 = &tmp;
}
%typemap(freearg) const svcr_guarantee *guarantee {
    PyMem_Free(condition_texts$argnum);
}

/* Thresholds in: (max_conditions, max_promise_words, max_sentence_words,
 * min_payout_basis_points, max_invoke_steps, max_collect_days), or None for the defaults. */
%typemap(in) const svcr_guarantee_thresholds *thresholds (svcr_guarantee_thresholds tmp) {
    $1 = NULL;
    if ($input != Py_None) {
        int64_t v[6];
        static const char *const what[6] = {"max_conditions", "max_promise_words", "max_sentence_words",
                                            "min_payout_basis_points", "max_invoke_steps", "max_collect_days"};
        if (!PyTuple_Check($input) || PyTuple_GET_SIZE($input) != 6) {
            PyErr_SetString(PyExc_TypeError, "expected a thresholds tuple");
            SWIG_fail;
        }
        for (int i = 0; i < 6; i++)
            if (svcr_py_ranged(PyTuple_GET_ITEM($input, i), 0, i < 4 ? INT64_MAX : INT_MAX,
                               what[i], &v[i]) != 0)
                SWIG_fail;
        memset(&tmp, 0, sizeof tmp);
        tmp.size = sizeof tmp;
        tmp.max_conditions = (size_t)v[0];
        tmp.max_promise_words = (size_t)v[1];
        tmp.max_sentence_words = (size_t)v[2];
        tmp.min_payout_basis_points = v[3];
        tmp.max_invoke_steps = (int)v[4];
        tmp.max_collect_days = (int)v[5];
        $1 = &tmp;
    }
}
%typemap(in, numinputs=0) (svcr_guarantee_thresholds *out, size_t size) (svcr_guarantee_thresholds tmp) {
    memset(&tmp, 0, sizeof tmp);
    $1 = &tmp;
    $2 = sizeof tmp;
}
%typemap(argout) (svcr_guarantee_thresholds *out, size_t size) {
    $result = svcr_py_append($result, Py_BuildValue("(nnnLii)", (Py_ssize_t)$1->max_conditions,
                                                    (Py_ssize_t)$1->max_promise_words,
                                                    (Py_ssize_t)$1->max_sentence_words,
                                                    (long long)$1->min_payout_basis_points, $1->max_invoke_steps,
                                                    $1->max_collect_days));
    if ($result == NULL)
        SWIG_fail;
}

/* A report: (passed, (passed per criterion), (reason per criterion)). */
%typemap(in, numinputs=0) svcr_guarantee_report **out (svcr_guarantee_report *tmp = NULL) {
    $1 = &tmp;
}
%typemap(freearg) svcr_guarantee_report **out {
    svcr_free(tmp$argnum);
}
%typemap(argout) svcr_guarantee_report **out {
    PyObject *passed = PyTuple_New(SVCR_GUARANTEE_CRITERIA), *reasons = PyTuple_New(SVCR_GUARANTEE_CRITERIA);
    for (int i = 0; passed != NULL && reasons != NULL && i < SVCR_GUARANTEE_CRITERIA; i++) {
        PyObject *reason = svcr_py_str((*$1)->reason[i]);
        if (reason == NULL) {
            Py_CLEAR(passed);
            break;
        }
        PyTuple_SET_ITEM(passed, i, PyBool_FromLong((*$1)->criterion_passed[i]));
        PyTuple_SET_ITEM(reasons, i, reason);
    }
    if (passed == NULL || reasons == NULL) {
        Py_XDECREF(passed);
        Py_XDECREF(reasons);
        SWIG_fail;
    }
    $result = svcr_py_append($result, Py_BuildValue("(NNN)", PyBool_FromLong((*$1)->passed), passed, reasons));
    if ($result == NULL)
        SWIG_fail;
}

%include <svcrecover/atone.h>
