/* calendar: business hours, holidays, UTC-offset schedules; business-time arithmetic. */

SVCR_PY_HANDLE(svcr_calendar, svcr_calendar_free)
SVCR_PY_HANDLE(svcr_calendar_builder, svcr_calendar_builder_free)

%typemap(in) int64_t from, int64_t to {
    if (svcr_py_time($input, &$1) != 0)
        SWIG_fail;
}

%typemap(in, numinputs=0) bool *open (bool tmp = false) { $1 = &tmp; }
%typemap(argout) bool *open {
    $result = svcr_py_append($result, PyBool_FromLong(*$1));
    if ($result == NULL)
        SWIG_fail;
}

%typemap(in, numinputs=0) int32_t *offset (int32_t tmp = 0) { $1 = &tmp; }
%typemap(argout) int32_t *offset {
    $result = svcr_py_append($result, PyLong_FromLong(*$1));
    if ($result == NULL)
        SWIG_fail;
}

%include <svcrecover/calendar.h>
