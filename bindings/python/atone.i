/* atone: decision tables (text, DMN XML), evaluation into offers with a trace. The authority
 * levels and the service-guarantee check are not wrapped yet. */

SVCR_PY_HANDLE(svcr_table, svcr_table_free)
SVCR_PY_HANDLE(svcr_facts, svcr_facts_free)
SVCR_PY_HANDLE(svcr_result, svcr_result_free)
%ignore svcr_value;
%ignore svcr_offer;
%ignore svcr_trace_step;
%ignore svcr_facts_find;
%ignore svcr_facts_set_at;
%ignore svcr_result_output;
%ignore svcr_result_aggregate;
%ignore svcr_authority;
%ignore svcr_approval;
%ignore svcr_authority_new;
%ignore svcr_authority_free;
%ignore svcr_authority_check;
%ignore svcr_authority_check_result;
%ignore svcr_guarantee;
%ignore svcr_guarantee_thresholds;
%ignore svcr_guarantee_report;
%ignore svcr_guarantee_thresholds_default;
%ignore svcr_guarantee_check;
%ignore svcr_guarantee_criterion_name;

%typemap(in, numinputs=0) const char **text (const char *tmp = NULL) { $1 = &tmp; }
%typemap(argout) const char **text {
    $result = svcr_py_append($result, svcr_py_str(*$1));
    if ($result == NULL)
        SWIG_fail;
}

/* Offers and trace steps as tuples (the package names them). */
%typemap(out) const svcr_offer * {
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
%typemap(out) const svcr_trace_step * {
    if ($1 == NULL) {
        PyErr_SetString(PyExc_IndexError, "trace index out of range");
        SWIG_fail;
    }
    $result = Py_BuildValue("(NNiNNN)", svcr_py_str($1->table), svcr_py_str($1->rule), $1->line,
                            PyBool_FromLong($1->matched), svcr_py_str($1->input), svcr_py_str($1->test));
    if ($result == NULL)
        SWIG_fail;
}

%include <svcrecover/atone.h>
