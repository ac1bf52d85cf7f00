/* phrase: the empathy phrase check. */

SVCR_PY_HANDLE(svcr_phrase_set, svcr_phrase_set_free)
%ignore svcr_phrase_spec;
%ignore svcr_phrase_match;
/* The matches as one list: svcr_py_phrase_check() reads them all (see below). */
%ignore svcr_phrase_check;
%rename(svcr_phrase_check) svcr_py_phrase_check;

%{
/* The C arrays behind a list of (phrase, suggestions) pairs; strings borrowed from the list. */
typedef struct svcr_py_specs {
    svcr_phrase_spec *specs;
    const svcr_phrase_spec **pointers;
    const char **strings;
} svcr_py_specs;

static void svcr_py_specs_clear(svcr_py_specs *tmp)
{
    PyMem_Free(tmp->specs);
    PyMem_Free(tmp->pointers);
    PyMem_Free(tmp->strings);
}

static int svcr_py_specs_from(PyObject *list, svcr_py_specs *tmp, const svcr_phrase_spec *const **specs,
                              size_t *count)
{
    if (!PyList_Check(list)) {
        PyErr_SetString(PyExc_TypeError, "expected a list of (phrase, suggestions) pairs");
        return -1;
    }
    Py_ssize_t n = PyList_GET_SIZE(list), strings = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *pair = PyList_GET_ITEM(list, i);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2 || !PyTuple_Check(PyTuple_GET_ITEM(pair, 1))) {
            PyErr_SetString(PyExc_TypeError, "expected (phrase, tuple of suggestions) pairs");
            return -1;
        }
        strings += PyTuple_GET_SIZE(PyTuple_GET_ITEM(pair, 1));
    }
    tmp->specs = PyMem_Calloc((size_t)n + 1, sizeof *tmp->specs);
    tmp->pointers = PyMem_Calloc((size_t)n + 1, sizeof *tmp->pointers);
    tmp->strings = PyMem_Calloc((size_t)strings + 1, sizeof *tmp->strings);
    if (tmp->specs == NULL || tmp->pointers == NULL || tmp->strings == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    const char **next = tmp->strings;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *pair = PyList_GET_ITEM(list, i), *suggestions = PyTuple_GET_ITEM(pair, 1);
        tmp->specs[i].size = sizeof tmp->specs[i];
        tmp->pointers[i] = &tmp->specs[i];
        if (svcr_py_name(PyTuple_GET_ITEM(pair, 0), &tmp->specs[i].phrase) != 0)
            return -1;
        tmp->specs[i].suggestions = next;
        tmp->specs[i].suggestion_count = (size_t)PyTuple_GET_SIZE(suggestions);
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(suggestions); j++)
            if (svcr_py_name(PyTuple_GET_ITEM(suggestions, j), next++) != 0)
                return -1;
    }
    *specs = tmp->pointers;
    *count = (size_t)n;
    return 0;
}

static PyObject *svcr_py_str_tuple(const char *const *texts, size_t count)
{
    PyObject *tuple = PyTuple_New((Py_ssize_t)count);
    for (size_t i = 0; tuple != NULL && i < count; i++) {
        PyObject *text = svcr_py_str(texts[i]);
        if (text == NULL) {
            Py_CLEAR(tuple);
            break;
        }
        PyTuple_SET_ITEM(tuple, (Py_ssize_t)i, text);
    }
    return tuple;
}
%}

%typemap(in) (const svcr_phrase_spec *const *specs, size_t count) (svcr_py_specs tmp = {NULL, NULL, NULL}) {
    if (svcr_py_specs_from($input, &tmp, &$1, &$2) != 0)
        SWIG_fail;
}
%typemap(freearg) (const svcr_phrase_spec *const *specs, size_t count) {
    svcr_py_specs_clear(&tmp$argnum);
}

/* One phrase of a set: (phrase, (suggestion, ...)). */
%typemap(in, numinputs=0) svcr_phrase_spec *out (svcr_phrase_spec tmp) {
    memset(&tmp, 0, sizeof tmp);
    tmp.size = sizeof tmp;
    $1 = &tmp;
}
%typemap(argout) svcr_phrase_spec *out {
    $result = svcr_py_append($result, Py_BuildValue("(NN)", svcr_py_str($1->phrase),
                                                    svcr_py_str_tuple($1->suggestions, $1->suggestion_count)));
    if ($result == NULL)
        SWIG_fail;
}

/* Matches: a list of (start, end, byte_start, byte_end, phrase_index), start/end in characters. */
%typemap(in, numinputs=0) (svcr_phrase_match **matches, size_t *count)
    (svcr_phrase_match *tmp_matches = NULL, size_t tmp_count = 0) {
    $1 = &tmp_matches;
    $2 = &tmp_count;
}
%typemap(argout) (svcr_phrase_match **matches, size_t *count) {
    PyObject *list = PyList_New((Py_ssize_t)*$2);
    for (size_t i = 0; list != NULL && i < *$2; i++) {
        const svcr_phrase_match *m = &(*$1)[i];
        PyObject *item = Py_BuildValue("(nnnnn)", (Py_ssize_t)m->char_start, (Py_ssize_t)m->char_end,
                                       (Py_ssize_t)m->start, (Py_ssize_t)m->end, (Py_ssize_t)m->phrase_index);
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

%include <svcrecover/phrase.h>

%inline %{
/**
 * Find the set's phrases in a draft reply (svcr_phrase_check() in phrase.h, read whole: the
 * matches are counted, then read into one array of sized structs).
 *
 * @param set     the phrases to look for; not NULL
 * @param text    the draft, UTF-8; not NULL
 * @param length  the length of @p text in bytes
 * @param matches receives the matches in text order
 * @param count   receives the number of matches
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or text that is not valid UTF-8 (the
 *         message gives the byte offset); ::SVCR_ENOMEM
 */
static svcr_status svcr_py_phrase_check(const svcr_phrase_set *set, const char *text, size_t length,
                                        svcr_phrase_match **matches, size_t *count)
{
    size_t n = 0;
    svcr_status status = svcr_phrase_check(set, text, length, NULL, 0, &n);
    if (status != SVCR_OK)
        return status;
    svcr_phrase_match *items = calloc(n + 1, sizeof *items);
    svcr_phrase_match **pointers = calloc(n + 1, sizeof *pointers);
    if (items == NULL || pointers == NULL) {
        free(items);
        free(pointers);
        return SVCR_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        items[i].size = sizeof items[i];
        pointers[i] = &items[i];
    }
    status = svcr_phrase_check(set, text, length, pointers, n, count);
    free(pointers);
    if (status != SVCR_OK) {
        free(items);
        return status;
    }
    *matches = items;
    return SVCR_OK;
}
%}
