/* workflow: definitions (states, events, transitions, guards, roles, timers), built-in templates;
 * the host's timer configuration. */

SVCR_PY_HANDLE(svcr_workflow, svcr_workflow_free)
SVCR_PY_HANDLE(svcr_timer_config, svcr_timer_config_free)
%ignore svcr_state_info;
%ignore svcr_transition_info;
%ignore svcr_fact_info;
%ignore svcr_timer_info;

%{
static PyObject *svcr_py_state_info(const svcr_state_info *s)
{
    PyObject *due_after = s->due_after < 0 ? (Py_INCREF(Py_None), Py_None) : svcr_py_timedelta(s->due_after);
    return Py_BuildValue("(NNNNN)", svcr_py_str(s->name), svcr_py_str(svcr_state_kind_name(s->kind)),
                         svcr_py_str(s->guidance), PyLong_FromSize_t(s->index), due_after);
}
%}

/* Descriptions come back as tuples; the package turns them into named tuples. */
%typemap(in, numinputs=0) svcr_state_info *out (svcr_state_info tmp) {
    memset(&tmp, 0, sizeof tmp);
    tmp.size = sizeof tmp;
    $1 = &tmp;
}
%typemap(argout) svcr_state_info *out {
    $result = svcr_py_append($result, svcr_py_state_info($1));
    if ($result == NULL)
        SWIG_fail;
}

%typemap(in, numinputs=0) svcr_transition_info *out (svcr_transition_info tmp) {
    memset(&tmp, 0, sizeof tmp);
    tmp.size = sizeof tmp;
    $1 = &tmp;
}
%typemap(argout) svcr_transition_info *out {
    $result = svcr_py_append($result, Py_BuildValue("(NNNNNNN)", svcr_py_str($1->event), svcr_py_str($1->from),
                                                    svcr_py_str($1->to),
                                                    svcr_py_str_tuple($1->required_facts, $1->required_fact_count),
                                                    svcr_py_str_tuple($1->roles, $1->role_count),
                                                    PyBool_FromLong($1->reopen), PyLong_FromSize_t($1->index)));
    if ($result == NULL)
        SWIG_fail;
}

%typemap(in, numinputs=0) svcr_fact_info *out (svcr_fact_info tmp) {
    memset(&tmp, 0, sizeof tmp);
    tmp.size = sizeof tmp;
    $1 = &tmp;
}
%typemap(argout) svcr_fact_info *out {
    $result = svcr_py_append($result, Py_BuildValue("(NNNN)", svcr_py_str($1->name),
                                                    svcr_py_str(svcr_fact_type_name($1->type)),
                                                    svcr_py_str($1->description), PyLong_FromSize_t($1->index)));
    if ($result == NULL)
        SWIG_fail;
}

/* A timer: (name, calendar, target, on_reopen, paused_in, index), target a timedelta, on_reopen as
 * in the JSON. */
%typemap(in, numinputs=0) svcr_timer_info *out (svcr_timer_info tmp) {
    memset(&tmp, 0, sizeof tmp);
    tmp.size = sizeof tmp;
    $1 = &tmp;
}
%typemap(argout) svcr_timer_info *out {
    const char *on_reopen = $1->on_reopen == SVCR_TIMER_RESTART ? "restart" : $1->on_reopen == SVCR_TIMER_STAY ? "stop" : "resume";
    $result = svcr_py_append($result, Py_BuildValue("(NNNsNN)", svcr_py_str($1->name), svcr_py_str($1->calendar),
                                                    svcr_py_timedelta($1->target), on_reopen,
                                                    svcr_py_str_tuple($1->paused_in, $1->paused_in_count),
                                                    PyLong_FromSize_t($1->index)));
    if ($result == NULL)
        SWIG_fail;
}

%include <svcrecover/workflow.h>
