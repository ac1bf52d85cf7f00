/* agenda: deadlines over many cases, keyed by (case id, timer name). */

SVCR_PY_HANDLE(svcr_agenda, svcr_agenda_free)
SVCR_PY_HANDLE(svcr_agenda_cursor, svcr_agenda_cursor_free)
%ignore svcr_agenda_entry;

%{
/* An entry as (case_id, timer, due), due a UTC datetime; the strings are copied, so the tuple
 * outlives changes. */
static PyObject *svcr_py_agenda_entry(const svcr_agenda_entry *e)
{
    return Py_BuildValue("(NNN)", svcr_py_str(e->case_id), svcr_py_str(e->timer), svcr_py_datetime(e->due));
}
%}

%typemap(in) int64_t due, int64_t before {
    if (svcr_py_time($input, &$1) != 0)
        SWIG_fail;
}

%typemap(in, numinputs=0) svcr_agenda_entry *out (svcr_agenda_entry tmp) {
    memset(&tmp, 0, sizeof tmp);
    tmp.size = sizeof tmp;
    $1 = &tmp;
}
%typemap(argout) svcr_agenda_entry *out {
    $result = svcr_py_append($result, svcr_py_agenda_entry($1));
    if ($result == NULL)
        SWIG_fail;
}

%typemap(in, numinputs=0) int64_t *due (int64_t tmp = 0) { $1 = &tmp; }
%typemap(argout) int64_t *due {
    $result = svcr_py_append($result, svcr_py_datetime(*$1));
    if ($result == NULL)
        SWIG_fail;
}

%typemap(in, numinputs=0) size_t *count (size_t tmp = 0), size_t *removed (size_t tmp = 0) { $1 = &tmp; }
%typemap(argout) size_t *count, size_t *removed {
    $result = svcr_py_append($result, PyLong_FromSize_t(*$1));
    if ($result == NULL)
        SWIG_fail;
}

%include <svcrecover/agenda.h>

/* The package walks with this rather than svcr_agenda_cursor_next(): it ends with None, not
 * NotFound. */
%rename(_agenda_cursor_next) svcr_py_agenda_cursor_next;
%inline %{
/* The next entry of a walk as (case_id, timer, due), or None at its end; StateError once the
 * agenda has changed. */
static PyObject *svcr_py_agenda_cursor_next(svcr_agenda_cursor *cursor)
{
    svcr_agenda_entry entry = {.size = sizeof entry};
    svcr_status status = svcr_agenda_cursor_next(cursor, &entry);
    if (status == SVCR_ENOTFOUND)
        Py_RETURN_NONE;
    if (status != SVCR_OK)
        return svcr_py_raise(status);
    return svcr_py_agenda_entry(&entry);
}
%}
