/* The recovery loop's calls that read into structures: limits, the Pareto by code, surveys. */

%inline %{
/* A role's limit for a money fact: None when unlimited, else Money. */
static PyObject *svcr_py_limits_role_limit(const svcr_limits *limits, const char *fact, const char *role)
{
    bool unlimited = false;
    svcr_money limit;
    memset(&limit, 0, sizeof limit);
    svcr_status status = svcr_limits_role_limit(limits, fact, role, &unlimited, &limit);
    if (status != SVCR_OK)
        return svcr_py_raise(status);
    if (unlimited)
        Py_RETURN_NONE;
    return svcr_py_money_out(limit);
}

/* The lowest role whose limit covers an amount. */
static PyObject *svcr_py_limits_lowest_role(const svcr_limits *limits, const char *fact, svcr_money amount)
{
    const char *role = NULL;
    svcr_status status = svcr_limits_lowest_role(limits, fact, amount, &role);
    if (status != SVCR_OK)
        return svcr_py_raise(status);
    return svcr_py_str(role);
}

/* The Pareto by taxonomy code: a list of (code, name, level, owner_team, owner_contact, cases,
 * share, cumulative_share, vital_few, followed_up, recovered). */
static PyObject *svcr_py_insight_pareto_by_code(const svcr_insight *insight, const svcr_taxonomy *taxonomy, size_t level)
{
    size_t n = 0;
    svcr_status status = svcr_insight_pareto_by_code(insight, taxonomy, level, NULL, 0, &n);
    if (status != SVCR_OK)
        return svcr_py_raise(status);
    svcr_insight_code_row *rows = calloc(n + 1, sizeof *rows);
    svcr_insight_code_row **pointers = calloc(n + 1, sizeof *pointers);
    if (rows == NULL || pointers == NULL) {
        free(rows);
        free(pointers);
        return PyErr_NoMemory();
    }
    for (size_t i = 0; i < n; i++) {
        rows[i].size = sizeof rows[i];
        pointers[i] = &rows[i];
    }
    size_t count = 0;
    status = svcr_insight_pareto_by_code(insight, taxonomy, level, pointers, n, &count);
    free(pointers);
    if (status != SVCR_OK) {
        free(rows);
        return svcr_py_raise(status);
    }
    if (count > n)
        count = n;
    PyObject *list = PyList_New((Py_ssize_t)count);
    for (size_t i = 0; list != NULL && i < count; i++) {
        const svcr_insight_code_row *r = &rows[i];
        PyObject *row = Py_BuildValue("(NNnNNKddNKK)", svcr_py_str(r->code), svcr_py_str(r->name), (Py_ssize_t)r->level,
                                      svcr_py_str(r->owner_team), svcr_py_str(r->owner_contact),
                                      (unsigned long long)r->cases, r->share, r->cumulative_share,
                                      PyBool_FromLong(r->vital_few), (unsigned long long)r->followed_up,
                                      (unsigned long long)r->recovered);
        if (row == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, row);
    }
    free(rows);
    return list;
}

/* A survey response's fields: (customer, score, scale_min, scale_max, at, comment, had_problem). */
static PyObject *svcr_py_survey_fields(const svcr_survey_response *r)
{
    return Py_BuildValue("(NiiiNNN)", svcr_py_str(r->customer), (int)r->score, (int)r->scale_min, (int)r->scale_max,
                         svcr_py_datetime(r->at), svcr_py_str(r->comment), PyBool_FromLong(r->had_problem));
}

/* Whether a response is a detractor's (a score at or under threshold). */
static PyObject *svcr_py_survey_triage(const svcr_survey_response *response, int threshold)
{
    bool open = false;
    svcr_status status = svcr_survey_triage(response, (int32_t)threshold, &open);
    if (status != SVCR_OK)
        return svcr_py_raise(status);
    return PyBool_FromLong(open);
}
%}
