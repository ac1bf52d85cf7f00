/* base: version, money, time. Errors surface as exceptions (see svcrecover.i); the allocator
 * hook and the raw error accessors are for C hosts only. */

%ignore svcr_allocator;
%ignore svcr_set_allocator;
%ignore svcr_free;
%ignore svcr_status_name;
%ignore svcr_error_message;
%ignore svcr_error_status;
%ignore svcr_error_line;
%ignore svcr_error_column;
%ignore svcr_error_clear;
%ignore svcr_money;

/* Formatting into a caller's buffer returns the text. */
%typemap(in, numinputs=0) (char *buf, size_t size) (char tmp[64]) {
    tmp[0] = '\0';
    $1 = tmp;
    $2 = sizeof tmp;
}
%typemap(argout) (char *buf, size_t size) {
    $result = svcr_py_append($result, svcr_py_str($1));
    if ($result == NULL)
        SWIG_fail;
}

%typemap(in, numinputs=0) int64_t *out (int64_t tmp = 0) { $1 = &tmp; }
%typemap(argout) int64_t *out {
    $result = svcr_py_append($result, PyLong_FromLongLong((long long)*$1));
    if ($result == NULL)
        SWIG_fail;
}

/* -1 means a malformed code; raise instead. */
%typemap(out) int svcr_currency_minor_digits {
    if ($1 < 0) {
        svcr_py_raise(svcr_error_status());
        SWIG_fail;
    }
    $result = PyLong_FromLong($1);
}

%include <svcrecover/version.h>
%include <svcrecover/base.h>
