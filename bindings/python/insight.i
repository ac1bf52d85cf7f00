/* insight: streaming metrics over cases; SERVQUAL scoring. The package names the tuples built
 * here (svcrecover/insight.py) and maps enums to and from their names. */

SVCR_PY_HANDLE(svcr_insight, svcr_insight_free)
%ignore svcr_insight_record;
%ignore svcr_insight_timer;
%ignore svcr_insight_options;
%ignore svcr_insight_time_stats;
%ignore svcr_insight_metric_value;
%ignore svcr_insight_cause;
%ignore svcr_insight_satisfaction;
%ignore svcr_insight_paradox_figures;
%ignore svcr_insight_retention_figures;
%ignore svcr_servqual_result;
/* The glue fills records and options itself. */
%ignore svcr_insight_record_init;
%ignore svcr_insight_options_init;
%ignore svcr_insight_timers_from_case;
/* The Pareto as one list: svcr_py_insight_pareto() reads every row (see below). */
%ignore svcr_insight_pareto;
%rename(svcr_insight_pareto) svcr_py_insight_pareto;

%{
/* A record from the package's tuple (state, opened_at, first_response_seconds,
 * resolution_seconds, follow_up, closed, reopen_count, customer, root_cause, severity,
 * satisfaction, solicited, timers), timers being ((name, met_goal), ...) and the enums ints.
 * Strings are borrowed from the tuple; the timers go to @p timers, listed by @p pointers, which
 * have room for them. */
enum { SVCR_PY_RECORD_FIELDS = 13 };

static int svcr_py_record_in(PyObject *t, svcr_insight_record *r, svcr_insight_timer *timers,
                             const svcr_insight_timer **pointers)
{
    if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) != SVCR_PY_RECORD_FIELDS) {
        PyErr_SetString(PyExc_TypeError, "expected an insight record tuple");
        return -1;
    }
    svcr_insight_record_init(r, sizeof *(r));
    int64_t follow_up = 0, reopen_count = 0, severity = 0, satisfaction = 0, solicited = 0;
    PyObject *score = PyTuple_GET_ITEM(t, 10), *list = PyTuple_GET_ITEM(t, 12);
    if (svcr_py_name(PyTuple_GET_ITEM(t, 0), &r->state) != 0 ||
        svcr_py_int64(PyTuple_GET_ITEM(t, 1), &r->opened_at) != 0 ||
        svcr_py_int64(PyTuple_GET_ITEM(t, 2), &r->first_response_seconds) != 0 ||
        svcr_py_int64(PyTuple_GET_ITEM(t, 3), &r->resolution_seconds) != 0 ||
        svcr_py_int64(PyTuple_GET_ITEM(t, 4), &follow_up) != 0 ||
        svcr_py_int64(PyTuple_GET_ITEM(t, 6), &reopen_count) != 0 ||
        svcr_py_name(PyTuple_GET_ITEM(t, 7), &r->customer) != 0 ||
        svcr_py_name(PyTuple_GET_ITEM(t, 8), &r->root_cause) != 0 ||
        svcr_py_int64(PyTuple_GET_ITEM(t, 9), &severity) != 0 ||
        (score != Py_None && svcr_py_int64(score, &satisfaction) != 0) ||
        svcr_py_int64(PyTuple_GET_ITEM(t, 11), &solicited) != 0)
        return -1;
    if (reopen_count < 0 || reopen_count > UINT32_MAX) {
        svcr_py_raise_message(SVCR_EINVAL, "insight record: reopen_count must be 0 to 4294967295", 0, 0);
        return -1;
    }
    r->follow_up = (svcr_insight_follow_up)follow_up;
    r->closed = PyObject_IsTrue(PyTuple_GET_ITEM(t, 5)) == 1;
    r->reopen_count = (uint32_t)reopen_count;
    r->severity = (svcr_insight_severity)severity;
    r->has_satisfaction = score != Py_None;
    /* Out of int32's range is also out of the library's score range: let it say so. */
    r->satisfaction = satisfaction < INT32_MIN ? INT32_MIN : satisfaction > INT32_MAX ? INT32_MAX : (int32_t)satisfaction;
    r->solicited = (svcr_insight_flag)solicited;
    if (!PyTuple_Check(list)) {
        PyErr_SetString(PyExc_TypeError, "expected a tuple of (timer, met_goal) pairs");
        return -1;
    }
    r->timers = pointers;
    r->timer_count = (size_t)PyTuple_GET_SIZE(list);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(list); i++) {
        PyObject *pair = PyTuple_GET_ITEM(list, i);
        int64_t met = 0;
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_TypeError, "expected (timer, met_goal) pairs");
            return -1;
        }
        if (svcr_py_name(PyTuple_GET_ITEM(pair, 0), &timers[i].name) != 0 ||
            svcr_py_int64(PyTuple_GET_ITEM(pair, 1), &met) != 0)
            return -1;
        timers[i].size = sizeof timers[i];
        timers[i].met_goal = (svcr_insight_flag)met;
        pointers[i] = &timers[i];
    }
    return 0;
}

/* How many timers a record tuple has (0 if it is malformed: svcr_py_record_in() says why). */
static size_t svcr_py_record_timers(PyObject *t)
{
    if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) != SVCR_PY_RECORD_FIELDS || !PyTuple_Check(PyTuple_GET_ITEM(t, 12)))
        return 0;
    return (size_t)PyTuple_GET_SIZE(PyTuple_GET_ITEM(t, 12));
}

static PyObject *svcr_py_record_out(const svcr_insight_record *r)
{
    PyObject *timers = PyTuple_New((Py_ssize_t)r->timer_count);
    for (size_t i = 0; timers != NULL && i < r->timer_count; i++) {
        PyObject *pair = Py_BuildValue("(Ni)", svcr_py_str(r->timers[i]->name), (int)r->timers[i]->met_goal);
        if (pair == NULL)
            Py_CLEAR(timers);
        else
            PyTuple_SET_ITEM(timers, (Py_ssize_t)i, pair);
    }
    if (timers == NULL)
        return NULL;
    PyObject *score = r->has_satisfaction ? PyLong_FromLong(r->satisfaction) : (Py_INCREF(Py_None), Py_None);
    return Py_BuildValue("(NLLLiNkNNiNiN)", svcr_py_str(r->state), (long long)r->opened_at,
                         (long long)r->first_response_seconds, (long long)r->resolution_seconds, (int)r->follow_up,
                         PyBool_FromLong(r->closed), (unsigned long)r->reopen_count, svcr_py_str(r->customer),
                         svcr_py_str(r->root_cause), (int)r->severity, score, (int)r->solicited, timers);
}

/* Options: the library's defaults with the members of a dict (or None) applied; a name set to
 * None is NULL (skipped). Strings are borrowed from the dict. */
static int svcr_py_options_in(PyObject *dict, svcr_insight_options *o)
{
    static const char *const names[] = {"first_response_event", "satisfied_event", "not_satisfied_event",
                                        "root_cause_fact", "customer_fact", "severity_fact",
                                        "satisfaction_fact", "solicited_fact"};
    const char **fields[] = {&o->first_response_event, &o->satisfied_event, &o->not_satisfied_event,
                             &o->root_cause_fact, &o->customer_fact, &o->severity_fact,
                             &o->satisfaction_fact, &o->solicited_fact};
    svcr_insight_options_init(o, sizeof *(o));
    if (dict == Py_None)
        return 0;
    if (!PyDict_Check(dict)) {
        PyErr_SetString(PyExc_TypeError, "insight options must be a dict");
        return -1;
    }
    PyObject *value;
    if ((value = PyDict_GetItemString(dict, "quick_resolution_seconds")) != NULL &&
        svcr_py_int64(value, &o->quick_resolution_seconds) != 0)
        return -1;
    if ((value = PyDict_GetItemString(dict, "window_start")) != NULL && svcr_py_time(value, &o->window_start) != 0)
        return -1;
    if ((value = PyDict_GetItemString(dict, "window_end")) != NULL && svcr_py_time(value, &o->window_end) != 0)
        return -1;
    if ((value = PyDict_GetItemString(dict, "repurchase")) != NULL) {
        for (int s = 0; s < 2; s++) {
            for (int c = 0; c < 3; c++) {
                PyObject *cell = PyTuple_Check(value) && PyTuple_GET_SIZE(value) == 2 &&
                                         PyTuple_Check(PyTuple_GET_ITEM(value, s)) &&
                                         PyTuple_GET_SIZE(PyTuple_GET_ITEM(value, s)) == 3
                                     ? PyTuple_GET_ITEM(PyTuple_GET_ITEM(value, s), c)
                                     : NULL;
                int64_t bp = 0;
                if (cell == NULL) {
                    PyErr_SetString(PyExc_TypeError, "repurchase must be two rows (minor, major) of three ints");
                    return -1;
                }
                if (svcr_py_ranged(cell, 0, UINT16_MAX, "a repurchase figure", &bp) != 0)
                    return -1;
                o->repurchase[s][c] = (uint16_t)bp;
            }
        }
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if ((value = PyDict_GetItemString(dict, names[i])) != NULL && svcr_py_name(value, fields[i]) != 0)
            return -1;
    return 0;
}

/* SERVQUAL scores: exactly @p n ints of 0 to 255 (the library checks the scale). */
static int svcr_py_bytes_in(PyObject *seq, size_t n, const char *what, uint8_t *out)
{
    PyObject *fast = PySequence_Fast(seq, "expected a sequence of ints");
    if (fast == NULL)
        return -1;
    int result = 0;
    if ((size_t)PySequence_Fast_GET_SIZE(fast) != n) {
        char message[120];
        snprintf(message, sizeof message, "expected %zu %s, got %zd", n, what, PySequence_Fast_GET_SIZE(fast));
        svcr_py_raise_message(SVCR_EINVAL, message, 0, 0);
        result = -1;
    }
    for (size_t i = 0; result == 0 && i < n; i++) {
        int64_t value = 0;
        result = svcr_py_ranged(PySequence_Fast_GET_ITEM(fast, (Py_ssize_t)i), 0, UINT8_MAX, what, &value);
        out[i] = (uint8_t)value;
    }
    Py_DECREF(fast);
    return result;
}

static PyObject *svcr_py_doubles(const double *values, size_t n)
{
    PyObject *tuple = PyTuple_New((Py_ssize_t)n);
    for (size_t i = 0; tuple != NULL && i < n; i++) {
        PyObject *x = PyFloat_FromDouble(values[i]);
        if (x == NULL)
            Py_CLEAR(tuple);
        else
            PyTuple_SET_ITEM(tuple, (Py_ssize_t)i, x);
    }
    return tuple;
}

/* (respondents, item_gap, expectation, perception, dimension_gap, weight, unweighted, weighted) */
static PyObject *svcr_py_servqual_out(const svcr_servqual_result *s)
{
    return Py_BuildValue("(KNNNNNdd)", (unsigned long long)s->respondents,
                         svcr_py_doubles(s->item_gap, SVCR_SERVQUAL_ITEMS),
                         svcr_py_doubles(s->expectation, SVCR_SERVQUAL_DIMENSIONS),
                         svcr_py_doubles(s->perception, SVCR_SERVQUAL_DIMENSIONS),
                         svcr_py_doubles(s->dimension_gap, SVCR_SERVQUAL_DIMENSIONS),
                         svcr_py_doubles(s->weight, SVCR_SERVQUAL_DIMENSIONS), s->unweighted, s->weighted);
}

static PyObject *svcr_py_satisfaction_out(const svcr_insight_satisfaction *s)
{
    return Py_BuildValue("(Kdd)", (unsigned long long)s->count, s->mean, s->stddev);
}
%}

/* Options in. */
%typemap(in) const svcr_insight_options *options (svcr_insight_options tmp) {
    if (svcr_py_options_in($input, &tmp) != 0)
        SWIG_fail;
    $1 = &tmp;
}

/* One record in: its timers in a buffer freed after the call. */
%typemap(in) const svcr_insight_record *record (svcr_insight_record tmp, svcr_insight_timer *timers = NULL,
                                                 const svcr_insight_timer **pointers = NULL) {
    timers = PyMem_Calloc(svcr_py_record_timers($input) + 1, sizeof *timers);
    pointers = PyMem_Calloc(svcr_py_record_timers($input) + 1, sizeof *pointers);
    if (timers == NULL || pointers == NULL) {
        PyErr_NoMemory();
        SWIG_fail;
    }
    if (svcr_py_record_in($input, &tmp, timers, pointers) != 0)
        SWIG_fail;
    $1 = &tmp;
}
%typemap(freearg) const svcr_insight_record *record {
    PyMem_Free(timers$argnum);
    PyMem_Free(pointers$argnum);
}

/* A record out (from a case): converted before the case can change. */
%typemap(in, numinputs=0) svcr_insight_record *record (svcr_insight_record tmp) { $1 = &tmp; }
%typemap(argout) svcr_insight_record *record {
    $result = svcr_py_append($result, svcr_py_record_out($1));
    if ($result == NULL)
        SWIG_fail;
}

/* SERVQUAL answers in. */
%typemap(in) const uint8_t *expectations (uint8_t tmp[SVCR_SERVQUAL_ITEMS]) {
    if (svcr_py_bytes_in($input, SVCR_SERVQUAL_ITEMS, "expectations", tmp) != 0)
        SWIG_fail;
    $1 = tmp;
}
%typemap(in) const uint8_t *perceptions (uint8_t tmp[SVCR_SERVQUAL_ITEMS]) {
    if (svcr_py_bytes_in($input, SVCR_SERVQUAL_ITEMS, "perceptions", tmp) != 0)
        SWIG_fail;
    $1 = tmp;
}
%typemap(in) const uint8_t *points (uint8_t tmp[SVCR_SERVQUAL_DIMENSIONS]) {
    if (svcr_py_bytes_in($input, SVCR_SERVQUAL_DIMENSIONS, "points", tmp) != 0)
        SWIG_fail;
    $1 = tmp;
}

/* Figures out, as tuples in the structs' field order. */
%typemap(in, numinputs=0) svcr_insight_time_stats *out (svcr_insight_time_stats tmp) {
    memset(&tmp, 0, sizeof tmp);
    tmp.size = sizeof tmp;
    $1 = &tmp;
}
%typemap(argout) svcr_insight_time_stats *out {
    $result = svcr_py_append($result, Py_BuildValue("(KLLdLLL)", (unsigned long long)$1->count, (long long)$1->min,
                                                    (long long)$1->max, $1->mean, (long long)$1->p50,
                                                    (long long)$1->p90, (long long)$1->p99));
    if ($result == NULL)
        SWIG_fail;
}

%typemap(in, numinputs=0) int64_t *seconds (int64_t tmp = 0) { $1 = &tmp; }
%typemap(argout) int64_t *seconds {
    $result = svcr_py_append($result, PyLong_FromLongLong((long long)*$1));
    if ($result == NULL)
        SWIG_fail;
}

%typemap(in, numinputs=0) svcr_insight_metric_value *out (svcr_insight_metric_value tmp) {
    memset(&tmp, 0, sizeof tmp);
    tmp.size = sizeof tmp;
    $1 = &tmp;
}
%typemap(argout) svcr_insight_metric_value *out {
    $result = svcr_py_append($result, Py_BuildValue("(NdKK)", svcr_py_str($1->name), $1->value,
                                                    (unsigned long long)$1->numerator,
                                                    (unsigned long long)$1->denominator));
    if ($result == NULL)
        SWIG_fail;
}

/* The Pareto: a list of (cause, owner, cases, share, cumulative_share, vital_few, followed_up,
 * recovered, reopened, resolved, mean_resolution_seconds). */
%typemap(in, numinputs=0) (svcr_insight_cause **causes, size_t *count)
    (svcr_insight_cause *tmp_causes = NULL, size_t tmp_count = 0) {
    $1 = &tmp_causes;
    $2 = &tmp_count;
}
%typemap(argout) (svcr_insight_cause **causes, size_t *count) {
    /* (rows from svcr_py_insight_pareto(): one malloc'd array, freed below) */
    PyObject *list = PyList_New((Py_ssize_t)*$2);
    for (size_t i = 0; list != NULL && i < *$2; i++) {
        const svcr_insight_cause *c = &(*$1)[i];
        PyObject *item = Py_BuildValue("(NNKddNKKKKd)", svcr_py_str(c->cause), svcr_py_str(c->owner),
                                       (unsigned long long)c->cases, c->share, c->cumulative_share,
                                       PyBool_FromLong(c->vital_few), (unsigned long long)c->followed_up,
                                       (unsigned long long)c->recovered, (unsigned long long)c->reopened,
                                       (unsigned long long)c->resolved, c->mean_resolution_seconds);
        if (item == NULL)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    free(*$1);
    $result = svcr_py_append($result, list);
    if ($result == NULL)
        SWIG_fail;
}

/* (recovered, not_recovered, no_failure, defined, index, welch_t), each group (count, mean, stddev). */
%typemap(in, numinputs=0) svcr_insight_paradox_figures *out (svcr_insight_paradox_figures tmp) {
    memset(&tmp, 0, sizeof tmp);
    tmp.size = sizeof tmp;
    $1 = &tmp;
}
%typemap(argout) svcr_insight_paradox_figures *out {
    $result = svcr_py_append($result, Py_BuildValue("(NNNNdd)", svcr_py_satisfaction_out(&$1->recovered),
                                                    svcr_py_satisfaction_out(&$1->not_recovered),
                                                    svcr_py_satisfaction_out(&$1->no_failure),
                                                    PyBool_FromLong($1->defined), $1->index, $1->welch_t));
    if ($result == NULL)
        SWIG_fail;
}

/* (((minor by resolution) , (major by resolution)), classified, expected_retained, rate) */
%typemap(in, numinputs=0) svcr_insight_retention_figures *out (svcr_insight_retention_figures tmp) {
    memset(&tmp, 0, sizeof tmp);
    tmp.size = sizeof tmp;
    $1 = &tmp;
}
%typemap(argout) svcr_insight_retention_figures *out {
    $result = svcr_py_append($result, Py_BuildValue("(((KKK)(KKK))Kdd)",
                                                    (unsigned long long)$1->cases[0][0], (unsigned long long)$1->cases[0][1],
                                                    (unsigned long long)$1->cases[0][2], (unsigned long long)$1->cases[1][0],
                                                    (unsigned long long)$1->cases[1][1], (unsigned long long)$1->cases[1][2],
                                                    (unsigned long long)$1->classified, $1->expected_retained, $1->rate));
    if ($result == NULL)
        SWIG_fail;
}

%typemap(in, numinputs=0) svcr_servqual_result *out (svcr_servqual_result tmp) {
    memset(&tmp, 0, sizeof tmp);
    tmp.size = sizeof tmp;
    $1 = &tmp;
}
%typemap(argout) svcr_servqual_result *out {
    $result = svcr_py_append($result, svcr_py_servqual_out($1));
    if ($result == NULL)
        SWIG_fail;
}

/* CSV text the library allocates: a str. */
%typemap(in, numinputs=0) char **csv (char *tmp = NULL) { $1 = &tmp; }
%typemap(argout) char **csv {
    PyObject *text = svcr_py_str(*$1);
    svcr_free(*$1);
    $result = svcr_py_append($result, text);
    if ($result == NULL)
        SWIG_fail;
}

/* Many records in: a list of record tuples, handed over as a list of pointers to records. */
%typemap(in) (const svcr_insight_record *const *records, size_t count)
    (svcr_insight_record *tmp_records = NULL, const svcr_insight_record **tmp_list = NULL,
     svcr_insight_timer *tmp_timers = NULL, const svcr_insight_timer **tmp_timer_list = NULL) {
    if (!PyList_Check($input)) {
        PyErr_SetString(PyExc_TypeError, "expected a list of insight record tuples");
        SWIG_fail;
    }
    size_t n = (size_t)PyList_GET_SIZE($input), timer_count = 0;
    for (size_t i = 0; i < n; i++)
        timer_count += svcr_py_record_timers(PyList_GET_ITEM($input, (Py_ssize_t)i));
    tmp_records = PyMem_Calloc(n + 1, sizeof *tmp_records);
    tmp_list = PyMem_Calloc(n + 1, sizeof *tmp_list);
    tmp_timers = PyMem_Calloc(timer_count + 1, sizeof *tmp_timers);
    tmp_timer_list = PyMem_Calloc(timer_count + 1, sizeof *tmp_timer_list);
    if (tmp_records == NULL || tmp_list == NULL || tmp_timers == NULL || tmp_timer_list == NULL) {
        PyErr_NoMemory();
        SWIG_fail;
    }
    size_t next = 0;
    for (size_t i = 0; i < n; i++) {
        if (svcr_py_record_in(PyList_GET_ITEM($input, (Py_ssize_t)i), &tmp_records[i], tmp_timers + next,
                              tmp_timer_list + next) != 0)
            SWIG_fail;
        next += tmp_records[i].timer_count;
        tmp_list[i] = &tmp_records[i];
    }
    $1 = tmp_list;
    $2 = n;
}
%typemap(freearg) (const svcr_insight_record *const *records, size_t count) {
    PyMem_Free(tmp_records$argnum);
    PyMem_Free(tmp_list$argnum);
    PyMem_Free(tmp_timers$argnum);
    PyMem_Free(tmp_timer_list$argnum);
}

/* How many were added: the return value, and on failure the exception's `added` attribute (the
 * records before the failing one stay counted). arg4 is the wrapper's name for `added`. */
%typemap(in, numinputs=0) size_t *added (size_t tmp = 0) { $1 = &tmp; }
%typemap(argout) size_t *added {
    $result = svcr_py_append($result, PyLong_FromSize_t(*$1));
    if ($result == NULL)
        SWIG_fail;
}
%typemap(out) svcr_status svcr_insight_add_many {
    if ($1 != SVCR_OK) {
        svcr_py_raise($1);
        PyObject *type, *value, *traceback;
        PyErr_Fetch(&type, &value, &traceback);
        PyObject *count = PyLong_FromSize_t(*arg4);
        if (count == NULL || value == NULL || PyObject_SetAttrString(value, "added", count) != 0)
            PyErr_Clear();
        Py_XDECREF(count);
        PyErr_Restore(type, value, traceback);
        SWIG_fail;
    }
    $result = Py_None;
    Py_INCREF(Py_None);
}

/* The mergeable state as bytes (svcr_insight_state_encode/decode): what pickling an Insight
 * writes and reads. */
%typemap(in, numinputs=0) (unsigned char **bytes, size_t *length) (unsigned char *tmp_bytes = NULL,
                                                                     size_t tmp_length = 0) {
    $1 = &tmp_bytes;
    $2 = &tmp_length;
}
%typemap(argout) (unsigned char **bytes, size_t *length) {
    PyObject *state = PyBytes_FromStringAndSize((const char *)*$1, (Py_ssize_t)*$2);
    svcr_free(*$1);
    $result = svcr_py_append($result, state);
    if ($result == NULL)
        SWIG_fail;
}
%typemap(in) (const unsigned char *bytes, size_t length) {
    char *data = NULL;
    Py_ssize_t size = 0;
    if (!PyBytes_Check($input)) {
        PyErr_SetString(PyExc_TypeError, "an insight state is bytes");
        SWIG_fail;
    }
    if (PyBytes_AsStringAndSize($input, &data, &size) != 0)
        SWIG_fail;
    $1 = (const unsigned char *)data;
    $2 = (size_t)size;
}

%include <svcrecover/insight.h>

%inline %{
/**
 * The root-cause Pareto (svcr_insight_pareto() in insight.h, read whole: the causes are counted,
 * then read into one array of sized rows), by cases, most first; ties by name.
 *
 * @param insight the accumulator; not NULL
 * @param causes  receives the rows
 * @param count   receives the number of causes
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOMEM
 */
static svcr_status svcr_py_insight_pareto(const svcr_insight *insight, svcr_insight_cause **causes, size_t *count)
{
    size_t n = 0;
    svcr_status status = svcr_insight_pareto(insight, NULL, 0, &n);
    if (status != SVCR_OK)
        return status;
    svcr_insight_cause *rows = calloc(n + 1, sizeof *rows);
    svcr_insight_cause **pointers = calloc(n + 1, sizeof *pointers);
    if (rows == NULL || pointers == NULL) {
        free(rows);
        free(pointers);
        return SVCR_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        rows[i].size = sizeof rows[i];
        pointers[i] = &rows[i];
    }
    status = svcr_insight_pareto(insight, pointers, n, count);
    free(pointers);
    if (status != SVCR_OK) {
        free(rows);
        return status;
    }
    *causes = rows;
    return SVCR_OK;
}
%}

