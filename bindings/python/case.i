/* case: one recovery case, its facts and its event log. */

SVCR_PY_HANDLE(svcr_case, svcr_case_free)
%ignore svcr_log_entry;
%ignore svcr_timer_status;
/* The package keeps the Workflow object itself; a borrowed pointer would outlive nothing. */
%ignore svcr_case_workflow;

/* Fact values read back. */
%typemap(in, numinputs=0) const char **value (const char *tmp = NULL) { $1 = ($1_ltype)&tmp; }
%typemap(argout) const char **value {
    $result = svcr_py_append($result, svcr_py_str(*$1));
    if ($result == NULL)
        SWIG_fail;
}
%typemap(in, numinputs=0) int64_t *value (int64_t tmp = 0) { $1 = &tmp; }
%typemap(argout) int64_t *value {
    $result = svcr_py_append($result, PyLong_FromLongLong((long long)*$1));
    if ($result == NULL)
        SWIG_fail;
}
%typemap(in, numinputs=0) bool *value (bool tmp = false) { $1 = &tmp; }
%typemap(argout) bool *value {
    $result = svcr_py_append($result, PyBool_FromLong(*$1));
    if ($result == NULL)
        SWIG_fail;
}
%typemap(in, numinputs=0) svcr_money *value (svcr_money tmp) {
    memset(&tmp, 0, sizeof tmp);
    $1 = &tmp;
}
%typemap(argout) svcr_money *value {
    $result = svcr_py_append($result, svcr_py_money_out(*$1));
    if ($result == NULL)
        SWIG_fail;
}

/* A note: None for none. */
%typemap(in) const char *note {
    if (svcr_py_name($input, (const char **)&$1) != 0)
        SWIG_fail;
}

/* The allowed events come back as a list; a second call with a bigger array if needed. */
%typemap(in, numinputs=0) (const char **events, size_t capacity, size_t *count)
    (const char *tmp_events[32], size_t tmp_count = 0) {
    $1 = ($1_ltype)tmp_events;
    $2 = 32;
    $3 = &tmp_count;
}
%typemap(argout) (const char **events, size_t capacity, size_t *count) {
    const char **names = (const char **)$1;
    const char **heap = NULL;
    if (*$3 > $2) {
        heap = PyMem_Calloc(*$3, sizeof *heap);
        if (heap == NULL) {
            PyErr_NoMemory();
            SWIG_fail;
        }
        svcr_case_allowed_events(arg1, arg2, heap, *$3, $3);
        names = heap;
    }
    PyObject *list = svcr_py_str_tuple(names, *$3);
    PyMem_Free(heap);
    $result = svcr_py_append($result, list);
    if ($result == NULL)
        SWIG_fail;
}

/* A log entry: (sequence, event, from, to, at, role, note, actor), `at` a UTC datetime. */
%typemap(in, numinputs=0) svcr_log_entry *out (svcr_log_entry tmp) {
    memset(&tmp, 0, sizeof tmp);
    tmp.size = sizeof tmp;
    $1 = &tmp;
}
%typemap(argout) svcr_log_entry *out {
    $result = svcr_py_append($result, Py_BuildValue("(KNNNNNNN)", (unsigned long long)$1->sequence,
                                                    svcr_py_str($1->event), svcr_py_str($1->from),
                                                    svcr_py_str($1->to), svcr_py_datetime($1->at),
                                                    svcr_py_str($1->role), svcr_py_str($1->note),
                                                    svcr_py_str($1->actor)));
    if ($result == NULL)
        SWIG_fail;
}

/* No configuration (None) is allowed: then only timers counting in "24x7" can be computed. */
%typemap(in) const svcr_timer_config *config {
    $1 = NULL;
    if ($input != Py_None && ($1 = (svcr_timer_config *)svcr_py_handle($input, "svcr_timer_config")) == NULL)
        SWIG_fail;
}

/* A timer's status: (name, state, target, started_at, elapsed, remaining, due_at, breached,
 * breached_at, met, stopped_at); times are UTC datetimes (None when they do not apply),
 * durations timedeltas. */
%typemap(in, numinputs=0) svcr_timer_status *out (svcr_timer_status tmp) {
    memset(&tmp, 0, sizeof tmp);
    tmp.size = sizeof tmp;
    $1 = &tmp;
}
%typemap(argout) svcr_timer_status *out {
    const svcr_timer_status *s = $1;
    $result = svcr_py_append($result, Py_BuildValue("(NsNNNNNNNNN)", svcr_py_str(s->name), svcr_timer_state_name(s->state),
                                                    svcr_py_timedelta(s->target),
                                                    svcr_py_datetime_or_none(s->state != SVCR_TIMER_NOT_STARTED, s->started_at),
                                                    svcr_py_timedelta(s->elapsed), svcr_py_timedelta(s->remaining),
                                                    svcr_py_datetime_or_none(s->has_due, s->due_at),
                                                    PyBool_FromLong(s->breached),
                                                    svcr_py_datetime_or_none(s->breached, s->breached_at),
                                                    PyBool_FromLong(s->met),
                                                    svcr_py_datetime_or_none(s->state == SVCR_TIMER_STOPPED, s->stopped_at)));
    if ($result == NULL)
        SWIG_fail;
}

%include <svcrecover/case.h>
