/* The recovery loop's handles: root-cause taxonomies, spending limits, survey responses.
 * Included before workflow.i and case.i, whose headers take these handles as arguments. */

%{
static void svcr_py_survey_free(svcr_survey_response *response)
{
    svcr_free(response);
}
%}

SVCR_PY_HANDLE(svcr_taxonomy, svcr_taxonomy_free)
SVCR_PY_HANDLE(svcr_limits, svcr_limits_free)
SVCR_PY_HANDLE(svcr_survey_response, svcr_py_survey_free)

/* Binding to a case: None unbinds. */
%typemap(in) const svcr_limits *limits {
    $1 = NULL;
    if ($input != Py_None && ($1 = ($1_ltype)svcr_py_handle($input, "svcr_limits")) == NULL)
        SWIG_fail;
}
%typemap(in) const svcr_taxonomy *taxonomy {
    $1 = NULL;
    if ($input != Py_None && ($1 = ($1_ltype)svcr_py_handle($input, "svcr_taxonomy")) == NULL)
        SWIG_fail;
}

/* Read through the helpers below and in loop.i. */
%ignore svcr_workflow_limits;
%ignore svcr_limits_role_limit;
%ignore svcr_limits_lowest_role;
%ignore svcr_insight_code_row;
%ignore svcr_insight_pareto_by_code;
%ignore svcr_survey_response;
%ignore svcr_survey_triage;
%ignore svcr_case_taxonomy;

%ignore svcr_taxonomy_node_info;
%ignore svcr_taxonomy_node;
%ignore svcr_taxonomy_find;
%ignore svcr_taxonomy_resolve;
%ignore svcr_taxonomy_ancestor;

%{
static PyObject *svcr_py_taxonomy_node_tuple(const svcr_taxonomy_node_info *n)
{
    return Py_BuildValue("(NNNnNN)", svcr_py_str(n->code), svcr_py_str(n->name), svcr_py_str(n->parent),
                         (Py_ssize_t)n->level, svcr_py_str(n->owner_team), svcr_py_str(n->owner_contact));
}
%}

%inline %{
/* A node by position: (code, name, parent, level, owner_team, owner_contact). */
static PyObject *svcr_py_taxonomy_node(const svcr_taxonomy *taxonomy, size_t index)
{
    svcr_taxonomy_node_info info;
    memset(&info, 0, sizeof info);
    info.size = sizeof info;
    svcr_status status = svcr_taxonomy_node(taxonomy, index, &info);
    if (status != SVCR_OK)
        return svcr_py_raise(status);
    return svcr_py_taxonomy_node_tuple(&info);
}

/* A node by code, as svcr_py_taxonomy_node. */
static PyObject *svcr_py_taxonomy_find(const svcr_taxonomy *taxonomy, const char *code)
{
    svcr_taxonomy_node_info info;
    memset(&info, 0, sizeof info);
    info.size = sizeof info;
    svcr_status status = svcr_taxonomy_find(taxonomy, code, &info);
    if (status != SVCR_OK)
        return svcr_py_raise(status);
    return svcr_py_taxonomy_node_tuple(&info);
}

/* The code a text (code, name or alias) resolves to. */
static PyObject *svcr_py_taxonomy_resolve(const svcr_taxonomy *taxonomy, const char *text)
{
    const char *code = NULL;
    svcr_status status = svcr_taxonomy_resolve(taxonomy, text, &code);
    if (status != SVCR_OK)
        return svcr_py_raise(status);
    return svcr_py_str(code);
}

/* A code's ancestor at a level. */
static PyObject *svcr_py_taxonomy_ancestor(const svcr_taxonomy *taxonomy, const char *code, size_t level)
{
    const char *out = NULL;
    svcr_status status = svcr_taxonomy_ancestor(taxonomy, code, level, &out);
    if (status != SVCR_OK)
        return svcr_py_raise(status);
    return svcr_py_str(out);
}
%}

%include <svcrecover/taxonomy.h>
