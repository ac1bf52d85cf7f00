/* SWIG interface: the C API of libsvcrecover as the low-level extension module `_svcrecover`.
 *
 * The package svcrecover/ (pure Python) builds the idiomatic API on top of it; nothing here is
 * meant to be called by users directly. Conventions of this layer:
 * - a function returning svcr_status returns its out-parameters (or None) and raises the
 *   package's exception for the status instead, with the library's message, line and column;
 * - an opaque handle is a PyCapsule named after its C type whose destructor frees the object;
 *   svcr_py_release() frees it early (context managers), after which using it raises StateError;
 *   svcr_py_depend() makes a handle hold the handle it depends on (a case its workflow, a cursor
 *   its agenda; a handle whose owner was closed raises StateError), so the
 *   C objects are freed in a valid order whatever order Python collects the wrappers in;
 * - strings go in as str (UTF-8, borrowed from the str object: no copy) and come out as str;
 * - svcr_money goes in as a Money (or an (amount_minor, currency) pair) and comes out as Money;
 * - times go in as int seconds or anything the registered converter accepts (datetime).
 * Docstrings of the wrapped functions come from the headers' Doxygen comments (swig -doxygen). */
%module(package="svcrecover") _svcrecover

%{
#define SWIG_FILE_WITH_INIT
#include <string.h>
#include <datetime.h>
#include <svcrecover.h>
%}

%init %{
    PyDateTime_IMPORT;
%}

/* The headers' export macro means nothing to SWIG. */
#define SVCR_EXTERN

%include <stdint.i>

/* ------------------------------------------------------------------------------------------ */
/* Runtime: exceptions, handles, conversions                                                   */
/* ------------------------------------------------------------------------------------------ */

%{
/* Exception classes by -status, the Money class and the time converter, registered once by the
 * package (svcr_py_register) before any other call. */
enum { SVCR_PY_STATUS_SLOTS = 16 };
static PyObject *svcr_py_exceptions[SVCR_PY_STATUS_SLOTS];
static PyObject *svcr_py_money_class;
static PyObject *svcr_py_time_converter;

static const char svcr_py_released_name[] = "svcrecover.released";

/* Raise the package's exception for @p status with the thread's error detail; returns NULL. */
static PyObject *svcr_py_raise_message(svcr_status status, const char *message, int line, int column)
{
    /* None where the library needs a value ('argument "role" is NULL') is a wrong type. */
    const char *argument = status == SVCR_EINVAL ? strstr(message, "argument \"") : NULL;
    const char *end = argument != NULL ? strchr(argument + 10, '"') : NULL;
    if (end != NULL && strcmp(end, "\" is NULL") == 0) {
        char text[160];
        snprintf(text, sizeof text, "argument \"%.*s\" must not be None", (int)(end - argument - 10), argument + 10);
        PyErr_SetString(PyExc_TypeError, text);
        return NULL;
    }
    int slot = -(int)status;
    PyObject *cls = slot > 0 && slot < SVCR_PY_STATUS_SLOTS ? svcr_py_exceptions[slot] : NULL;
    if (cls == NULL)
        cls = PyExc_RuntimeError;
    /* The message may have been cut inside a multi-byte character: decode leniently. */
    PyObject *text = PyUnicode_DecodeUTF8(message, (Py_ssize_t)strlen(message), "replace");
    if (text == NULL)
        return NULL;
    PyObject *exc = PyObject_CallFunction(cls, "Nii", text, line, column);
    if (exc != NULL) {
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
        Py_DECREF(exc);
    }
    return NULL;
}

static PyObject *svcr_py_raise(svcr_status status)
{
    return svcr_py_raise_message(status, svcr_error_message(), svcr_error_line(), svcr_error_column());
}

/* The object a capsule made by svcr_py_handle_new() holds, or NULL with an exception set. */
static void *svcr_py_handle(PyObject *obj, const char *type)
{
    if (PyCapsule_CheckExact(obj)) {
        const char *name = PyCapsule_GetName(obj);
        if (name != NULL && strcmp(name, type) == 0) {
            /* A handle whose owner was closed (an agenda's cursor) must not reach its object.
             * svcr_py_release() renames with the very pointer compared here. */
            PyObject *owner = (PyObject *)PyCapsule_GetContext(obj);
            if (owner != NULL && PyCapsule_GetName(owner) == svcr_py_released_name) {
                char message[128];
                snprintf(message, sizeof message, "this %s depends on an object that has been closed", type);
                return svcr_py_raise_message(SVCR_ESTATE, message, 0, 0);
            }
            return PyCapsule_GetPointer(obj, type);
        }
        if (name != NULL && strcmp(name, svcr_py_released_name) == 0) {
            char message[128];
            snprintf(message, sizeof message, "this %s has been closed", type);
            return svcr_py_raise_message(SVCR_ESTATE, message, 0, 0);
        }
    }
    PyErr_Format(PyExc_TypeError, "expected a %s handle, got %s", type, Py_TYPE(obj)->tp_name);
    return NULL;
}

static PyObject *svcr_py_handle_new(void *object, const char *type, PyCapsule_Destructor destructor)
{
    PyObject *capsule = PyCapsule_New(object, type, destructor);
    if (capsule == NULL) {
        /* Still owned here: free it through the destructor's logic. */
        PyObject *orphan = PyCapsule_New(object, type, NULL);
        if (orphan != NULL) {
            destructor(orphan);
            Py_DECREF(orphan);
        }
    }
    return capsule;
}

/* UTF-8 of a str (borrowed from the object), rejecting embedded NUL; NULL for None. */
static int svcr_py_name(PyObject *obj, const char **out)
{
    if (obj == Py_None) {
        *out = NULL;
        return 0;
    }
    Py_ssize_t size = 0;
    const char *text = PyUnicode_Check(obj) ? PyUnicode_AsUTF8AndSize(obj, &size) : NULL;
    if (text == NULL) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_TypeError, "expected str, got %s", Py_TYPE(obj)->tp_name);
        return -1;
    }
    if ((size_t)size != strlen(text)) {
        PyErr_SetString(PyExc_ValueError, "embedded NUL character in a name");
        return -1;
    }
    *out = text;
    return 0;
}

/* Text with an explicit length: str (as UTF-8) or bytes (as given, e.g. to test invalid UTF-8). */
static int svcr_py_text(PyObject *obj, const char **out, size_t *length)
{
    Py_ssize_t size = 0;
    char *bytes = NULL;
    if (PyBytes_Check(obj)) {
        if (PyBytes_AsStringAndSize(obj, &bytes, &size) != 0)
            return -1;
        *out = bytes;
    } else if (PyUnicode_Check(obj)) {
        *out = PyUnicode_AsUTF8AndSize(obj, &size);
        if (*out == NULL)
            return -1;
    } else {
        PyErr_Format(PyExc_TypeError, "expected str or bytes, got %s", Py_TYPE(obj)->tp_name);
        return -1;
    }
    *length = (size_t)size;
    return 0;
}

static int svcr_py_int64(PyObject *obj, int64_t *out)
{
    if (!PyLong_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "expected int, got %s", Py_TYPE(obj)->tp_name);
        return -1;
    }
    long long value = PyLong_AsLongLong(obj);
    if (value == -1 && PyErr_Occurred())
        return -1;
    *out = (int64_t)value;
    return 0;
}

/* An int in [min, max] or InvalidArgument naming @p what. */
static int svcr_py_ranged(PyObject *obj, int64_t min, int64_t max, const char *what, int64_t *out)
{
    if (svcr_py_int64(obj, out) != 0)
        return -1;
    if (*out < min || *out > max) {
        char message[160];
        snprintf(message, sizeof message, "%s is %lld: expected %lld to %lld", what, (long long)*out,
                 (long long)min, (long long)max);
        svcr_py_raise_message(SVCR_EINVAL, message, 0, 0);
        return -1;
    }
    return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms,
 * https://howardhinnant.github.io/date_algorithms.html). */
static int64_t svcr_py_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void svcr_py_civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The seconds of a datetime's fields as if they were UTC (microseconds dropped). */
static int64_t svcr_py_datetime_fields(PyObject *obj)
{
    int64_t days = svcr_py_days_from_civil(PyDateTime_GET_YEAR(obj), PyDateTime_GET_MONTH(obj), PyDateTime_GET_DAY(obj));
    return days * 86400 + PyDateTime_DATE_GET_HOUR(obj) * 3600 + PyDateTime_DATE_GET_MINUTE(obj) * 60 +
           PyDateTime_DATE_GET_SECOND(obj);
}

/* A time: int seconds since the epoch, or an aware datetime (UTC computed here; another zone
 * through the registered converter, which asks it for its offset). A bool is not a time. */
static int svcr_py_time(PyObject *obj, int64_t *out)
{
    if (PyLong_CheckExact(obj))
        return svcr_py_int64(obj, out);
    if (PyDateTime_Check(obj)) {
        PyObject *zone = ((PyDateTime_DateTime *)obj)->hastzinfo ? ((PyDateTime_DateTime *)obj)->tzinfo : Py_None;
        if (zone == PyDateTime_TimeZone_UTC) {
            *out = svcr_py_datetime_fields(obj);
            return 0;
        }
    } else if (PyBool_Check(obj) || !PyLong_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "a time is an int (seconds since the epoch) or an aware datetime, not %s",
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    if (svcr_py_time_converter == NULL)
        return svcr_py_int64(obj, out);
    PyObject *seconds = PyObject_CallOneArg(svcr_py_time_converter, obj);
    if (seconds == NULL)
        return -1;
    int result = svcr_py_int64(seconds, out);
    Py_DECREF(seconds);
    return result;
}

/* Seconds since the epoch as an aware UTC datetime (OverflowError outside years 1-9999). */
static PyObject *svcr_py_datetime(int64_t at)
{
    if (at < INT64_C(-62135596800) || at > INT64_C(253402300799))
        return PyErr_Format(PyExc_OverflowError, "time %lld is outside years 1-9999", (long long)at);
    int64_t days = at >= 0 ? at / 86400 : -((-at + 86399) / 86400);
    int64_t second = at - days * 86400;
    int y, m, d;
    svcr_py_civil_from_days(days, &y, &m, &d);
    return PyDateTimeAPI->DateTime_FromDateAndTime(y, m, d, (int)(second / 3600), (int)(second / 60 % 60),
                                                   (int)(second % 60), 0, PyDateTime_TimeZone_UTC,
                                                   PyDateTimeAPI->DateTimeType);
}

/* A time, or None when it does not apply. */
static PyObject *svcr_py_datetime_or_none(int applies, int64_t at)
{
    if (!applies)
        Py_RETURN_NONE;
    return svcr_py_datetime(at);
}

/* Seconds as a timedelta. */
static PyObject *svcr_py_timedelta(int64_t seconds)
{
    int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
    if (days > 999999999 || days < -999999999)
        return PyErr_Format(PyExc_OverflowError, "%lld seconds do not fit in a timedelta", (long long)seconds);
    return PyDelta_FromDSU((int)days, (int)(seconds - days * 86400), 0);
}

/* svcr_money from a Money (attributes amount_minor, currency) or an (amount, currency) pair. */
static int svcr_py_money_in(PyObject *obj, svcr_money *out)
{
    PyObject *amount = NULL, *currency = NULL;
    if (PyTuple_Check(obj) && PyTuple_GET_SIZE(obj) == 2) {
        amount = PyTuple_GET_ITEM(obj, 0);
        currency = PyTuple_GET_ITEM(obj, 1);
        Py_INCREF(amount);
        Py_INCREF(currency);
    } else {
        amount = PyObject_GetAttrString(obj, "amount_minor");
        currency = amount ? PyObject_GetAttrString(obj, "currency") : NULL;
        if (currency == NULL) {
            Py_XDECREF(amount);
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "expected Money, got %s", Py_TYPE(obj)->tp_name);
            return -1;
        }
    }
    const char *code = NULL;
    int result = svcr_py_int64(amount, &out->amount_minor);
    if (result == 0)
        result = svcr_py_name(currency, &code);
    if (result == 0 && (code == NULL || strlen(code) != 3)) {
        result = -1;
        svcr_py_raise_message(SVCR_EINVAL, "a currency is three upper-case letters, e.g. \"EUR\"", 0, 0);
    }
    if (result == 0)
        memcpy(out->currency, code, 4);
    Py_DECREF(amount);
    Py_DECREF(currency);
    return result;
}

static PyObject *svcr_py_money_out(svcr_money m)
{
    if (svcr_py_money_class == NULL)
        return Py_BuildValue("(Ls)", (long long)m.amount_minor, m.currency);
    return PyObject_CallFunction(svcr_py_money_class, "Ls", (long long)m.amount_minor, m.currency);
}

/* Append @p item (a new reference, or NULL on error) to a SWIG result; returns the result or
 * NULL. One output replaces None; several make a tuple. */
static PyObject *svcr_py_append(PyObject *result, PyObject *item)
{
    if (item == NULL) {
        Py_XDECREF(result);
        return NULL;
    }
    if (result == NULL || result == Py_None) {
        Py_XDECREF(result);
        return item;
    }
    PyObject *pair;
    if (PyTuple_CheckExact(result) && PyTuple_GET_SIZE(result) > 1) {
        Py_ssize_t n = PyTuple_GET_SIZE(result);
        pair = PyTuple_New(n + 1);
        if (pair != NULL) {
            for (Py_ssize_t i = 0; i < n; i++) {
                PyObject *x = PyTuple_GET_ITEM(result, i);
                Py_INCREF(x);
                PyTuple_SET_ITEM(pair, i, x);
            }
            PyTuple_SET_ITEM(pair, n, item);
            item = NULL;
        }
    } else {
        pair = PyTuple_Pack(2, result, item);
    }
    Py_DECREF(result);
    Py_XDECREF(item);
    return pair;
}

static PyObject *svcr_py_str(const char *text)
{
    if (text == NULL)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(text, (Py_ssize_t)strlen(text), "surrogateescape");
}
%}

/* A status return becomes None or an exception. */
%typemap(out) svcr_status {
    if ($1 != SVCR_OK) {
        svcr_py_raise($1);
        SWIG_fail;
    }
    $result = Py_None;
    Py_INCREF(Py_None);
}

/* Strings in: borrowed UTF-8 of a str; None is NULL (the library then reports the argument). */
%typemap(in) const char * {
    if (svcr_py_name($input, (const char **)&$1) != 0)
        SWIG_fail;
}
%typemap(typecheck, precedence=SWIG_TYPECHECK_STRING) const char * {
    $1 = PyUnicode_Check($input) || $input == Py_None;
}
%typemap(freearg) const char * "";
%typemap(out) const char * {
    $result = svcr_py_str($1);
    if ($result == NULL)
        SWIG_fail;
}

/* Text and its length, from str or bytes. */
%typemap(in) (const char *text, size_t length), (const char *json, size_t length) {
    if (svcr_py_text($input, (const char **)&$1, &$2) != 0)
        SWIG_fail;
}

/* Times. */
%typemap(in) int64_t at, int64_t opened_at, int64_t now, int64_t start, int64_t end {
    if (svcr_py_time($input, &$1) != 0)
        SWIG_fail;
}
%typemap(in) int64_t {
    if (svcr_py_int64($input, &$1) != 0)
        SWIG_fail;
}
%typemap(out) int64_t "$result = PyLong_FromLongLong((long long)$1);";

/* Money. */
%typemap(in) svcr_money {
    if (svcr_py_money_in($input, &$1) != 0)
        SWIG_fail;
}
%typemap(in, numinputs=0) svcr_money *out (svcr_money tmp) {
    memset(&tmp, 0, sizeof tmp);
    $1 = &tmp;
}
%typemap(argout) svcr_money *out {
    $result = svcr_py_append($result, svcr_py_money_out(*$1));
    if ($result == NULL)
        SWIG_fail;
}

/* Text the library allocates and the caller frees: a str. */
%typemap(in, numinputs=0) char **json (char *tmp = NULL) { $1 = &tmp; }
%typemap(argout) char **json {
    PyObject *text = svcr_py_str(*$1);
    svcr_free(*$1);
    $result = svcr_py_append($result, text);
    if ($result == NULL)
        SWIG_fail;
}

/* An int written through a pointer named `order` (comparisons) comes back as a return value. */
%typemap(in, numinputs=0) int *order (int tmp = 0) { $1 = &tmp; }
%typemap(argout) int *order {
    $result = svcr_py_append($result, PyLong_FromLong(*$1));
    if ($result == NULL)
        SWIG_fail;
}

/* Declare an opaque handle type: capsule in, capsule out (through `TYPE **out`), freed by FREE. */
%define SVCR_PY_HANDLE(TYPE, FREE)
%{
static void TYPE##_capsule_free(PyObject *capsule)
{
    /* The context is the handle this object depends on (svcr_py_depend): released after it. */
    PyObject *owner = (PyObject *)PyCapsule_GetContext(capsule);
    FREE((TYPE *)PyCapsule_GetPointer(capsule, #TYPE));
    Py_XDECREF(owner);
}
%}
%typemap(in) TYPE *, const TYPE * {
    $1 = ($1_ltype)svcr_py_handle($input, #TYPE);
    if ($1 == NULL)
        SWIG_fail;
}
%typemap(in, numinputs=0) TYPE **out (TYPE *tmp = NULL) { $1 = &tmp; }
%typemap(argout) TYPE **out {
    $result = svcr_py_append($result, svcr_py_handle_new(*$1, #TYPE, TYPE##_capsule_free));
    if ($result == NULL)
        SWIG_fail;
}
%ignore FREE;
%enddef

%typemap(in) PyObject * "$1 = $input;";
%typemap(out) PyObject * {
    $result = $1;
    if ($result == NULL)
        SWIG_fail;
}

/* Glue that the package calls; %inline'd so SWIG wraps them, renamed to look private. */
%rename(_datetime) svcr_py_datetime_of;
%rename(_timedelta) svcr_py_timedelta_of;
%rename(_seconds) svcr_py_seconds_of;
%rename(_register) svcr_py_register;
%rename(_release) svcr_py_release;
%rename(_depend) svcr_py_depend;
%inline %{
/* Seconds (an int) as an aware UTC datetime; None stays None. */
static PyObject *svcr_py_datetime_of(PyObject *seconds)
{
    int64_t at = 0;
    if (seconds == Py_None)
        Py_RETURN_NONE;
    if (svcr_py_int64(seconds, &at) != 0)
        return NULL;
    return svcr_py_datetime(at);
}

/* Seconds (an int) as a timedelta; None stays None. */
static PyObject *svcr_py_timedelta_of(PyObject *seconds)
{
    int64_t s = 0;
    if (seconds == Py_None)
        Py_RETURN_NONE;
    if (svcr_py_int64(seconds, &s) != 0)
        return NULL;
    return svcr_py_timedelta(s);
}

/* A time argument (int or aware datetime) as int seconds, checked as every `at=` is. */
static PyObject *svcr_py_seconds_of(PyObject *at)
{
    int64_t s = 0;
    if (svcr_py_time(at, &s) != 0)
        return NULL;
    return PyLong_FromLongLong((long long)s);
}

/* Register the exception classes (a dict {status: class}), the Money class and the time
 * converter. Called once by svcrecover/__init__.py. */
static PyObject *svcr_py_register(PyObject *exceptions, PyObject *money_class, PyObject *time_converter)
{
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    if (!PyDict_Check(exceptions))
        return PyErr_Format(PyExc_TypeError, "exceptions must be a dict");
    while (PyDict_Next(exceptions, &pos, &key, &value)) {
        long status = PyLong_AsLong(key);
        if (status == -1 && PyErr_Occurred())
            return NULL;
        if (status >= 0 || -status >= SVCR_PY_STATUS_SLOTS)
            return PyErr_Format(PyExc_ValueError, "no status %ld", status);
        Py_INCREF(value);
        Py_XDECREF(svcr_py_exceptions[-status]);
        svcr_py_exceptions[-status] = value;
    }
    Py_INCREF(money_class);
    Py_XDECREF(svcr_py_money_class);
    svcr_py_money_class = money_class;
    Py_INCREF(time_converter);
    Py_XDECREF(svcr_py_time_converter);
    svcr_py_time_converter = time_converter;
    Py_RETURN_NONE;
}

/* Make @p handle keep @p owner (another handle) alive until it is freed: a case its workflow,
 * answers their model. Python's collector may otherwise free the two in either order. */
static PyObject *svcr_py_depend(PyObject *handle, PyObject *owner)
{
    if (!PyCapsule_CheckExact(handle) || !PyCapsule_CheckExact(owner))
        return PyErr_Format(PyExc_TypeError, "expected two handles");
    PyObject *previous = (PyObject *)PyCapsule_GetContext(handle);
    Py_INCREF(owner);
    if (PyCapsule_SetContext(handle, owner) != 0) {
        Py_DECREF(owner);
        return NULL;
    }
    Py_XDECREF(previous);
    Py_RETURN_NONE;
}

/* Free a handle's object now; the capsule then reports use as StateError. Idempotent. */
static PyObject *svcr_py_release(PyObject *capsule)
{
    if (!PyCapsule_CheckExact(capsule))
        return PyErr_Format(PyExc_TypeError, "expected a handle");
    const char *name = PyCapsule_GetName(capsule);
    if (name != NULL && strcmp(name, svcr_py_released_name) != 0) {
        PyCapsule_Destructor destructor = PyCapsule_GetDestructor(capsule);
        if (destructor != NULL)
            destructor(capsule);
        PyCapsule_SetDestructor(capsule, NULL);
        PyCapsule_SetContext(capsule, NULL);
        PyCapsule_SetName(capsule, svcr_py_released_name);
    }
    Py_RETURN_NONE;
}
%}

/* ------------------------------------------------------------------------------------------ */
/* Modules, in dependency order: each uses only those before it                               */
/* ------------------------------------------------------------------------------------------ */

%include "base.i"
%include "calendar.i"
%include "taxonomy.i"
%include "workflow.i"
%include "case.i"
%include "agenda.i"
%include "phrase.i"
%include "atone.i"
%include "insight.i"
%include "maturity.i"
%include "loop.i"
