/* Drafts: what the readers produce and the compiler consumes; and errors positioned in a cell. */
#include "atone/model.h"
#include "base/alloc.h"
#include "base/error.h"
#include "base/json_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void free_cell(atone_cell *cell)
{
    svcr__free(cell->text);
    svcr__free(cell->pointer);
}

static void free_table(atone_draft_table *table)
{
    svcr__free(table->name);
    free_cell(&table->where);
    for (size_t i = 0; i < table->column_count; i++) {
        svcr__free(table->columns[i].name);
        svcr__free(table->columns[i].type);
        svcr__free(table->columns[i].from);
        free_cell(&table->columns[i].where);
    }
    svcr__free(table->columns);
    for (size_t r = 0; r < table->rule_count; r++) {
        svcr__free(table->rules[r].name);
        if (table->rules[r].cells != NULL)
            for (size_t i = 0; i < table->column_count; i++)
                free_cell(&table->rules[r].cells[i]);
        svcr__free(table->rules[r].cells);
    }
    svcr__free(table->rules);
    for (size_t p = 0; p < table->priority_count; p++) {
        svcr__free(table->priorities[p].column);
        free_cell(&table->priorities[p].where);
        for (size_t i = 0; i < table->priorities[p].count; i++)
            free_cell(&table->priorities[p].values[i]);
        svcr__free(table->priorities[p].values);
    }
    svcr__free(table->priorities);
}

void svcr__atone_draft_free(atone_draft *draft)
{
    for (size_t t = 0; t < draft->table_count; t++)
        free_table(&draft->tables[t]);
    svcr__free(draft->tables);
    draft->tables = NULL;
    draft->table_count = draft->table_capacity = 0;
}

static void drop_pointer(atone_cell *cell)
{
    svcr__free(cell->pointer);
    cell->pointer = NULL;
}

void svcr__atone_keep_source(svcr_table *table, atone_draft *draft)
{
    /* The pointers only position errors in the text being read: the table keeps no text. */
    for (size_t t = 0; t < draft->table_count; t++) {
        atone_draft_table *d = &draft->tables[t];
        drop_pointer(&d->where);
        for (size_t i = 0; i < d->column_count; i++)
            drop_pointer(&d->columns[i].where);
        for (size_t r = 0; r < d->rule_count; r++)
            for (size_t i = 0; d->rules[r].cells != NULL && i < d->column_count; i++)
                drop_pointer(&d->rules[r].cells[i]);
        for (size_t p = 0; p < d->priority_count; p++) {
            drop_pointer(&d->priorities[p].where);
            for (size_t i = 0; i < d->priorities[p].count; i++)
                drop_pointer(&d->priorities[p].values[i]);
        }
    }
    table->source = *draft;
    table->source.json_text = NULL;
    table->source.json_length = 0;
    memset(draft, 0, sizeof *draft);
}

/* Append one zeroed element to a growable array. */
static void *append(void **array, size_t *count, size_t *capacity, size_t size)
{
    if (svcr__grow(array, capacity, *count + 1, size) != 0)
        return NULL;
    char *item = (char *)*array + *count * size;
    memset(item, 0, size);
    (*count)++;
    return item;
}

atone_draft_table *svcr__atone_draft_add_table(atone_draft *draft)
{
    atone_draft_table *table = append((void **)&draft->tables, &draft->table_count,
                                      &draft->table_capacity, sizeof *draft->tables);
    if (table != NULL)
        table->rounding = SVCR_ROUND_HALF_UP;
    return table;
}

atone_draft_column *svcr__atone_draft_add_column(atone_draft_table *table)
{
    return append((void **)&table->columns, &table->column_count, &table->column_capacity,
                  sizeof *table->columns);
}

atone_draft_rule *svcr__atone_draft_add_rule(atone_draft_table *table)
{
    return append((void **)&table->rules, &table->rule_count, &table->rule_capacity,
                  sizeof *table->rules);
}

atone_draft_priority *svcr__atone_draft_add_priority(atone_draft_table *table)
{
    return append((void **)&table->priorities, &table->priority_count, &table->priority_capacity,
                  sizeof *table->priorities);
}

/* Characters (not UTF-8 continuation bytes) in the first @p bytes of @p text. */
static int characters(const char *text, size_t bytes)
{
    int n = 0;
    for (size_t i = 0; i < bytes && text[i] != '\0'; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    return n;
}

svcr_status svcr__atone_cell_vfail(const atone_draft *draft, const atone_cell *cell, size_t offset,
                                   const char *where, svcr_status status, const char *fmt, va_list args)
{
    char detail[240];
    vsnprintf(detail, sizeof detail, fmt, args);
    const char *text = cell->text != NULL ? cell->text : "";
    if (cell->pointer != NULL && draft->json_text != NULL) {
        int line = 0, column = 0;
        svcr__json_locate(draft->json_text, draft->json_length, cell->pointer, &line, &column);
        return svcr__fail_at(status, line, column, "%s: line %d, column %d: %s: %s: cell \"%.80s\", character %d: %s",
                             draft->what, line, column, cell->pointer, where, text,
                             characters(text, offset) + 1, detail);
    }
    if (cell->column > 0) {
        int column = cell->column + characters(text, offset);
        return svcr__fail_at(status, cell->line, column, "%s: line %d, column %d: %s: cell \"%.80s\": %s",
                             draft->what, cell->line, column, where, text, detail);
    }
    return svcr__fail_at(status, cell->line, 0, "%s: line %d: %s: cell \"%.80s\", character %d: %s",
                         draft->what, cell->line, where, text, characters(text, offset) + 1, detail);
}

svcr_status svcr__atone_cell_fail(const atone_draft *draft, const atone_cell *cell, size_t offset,
                                  const char *where, svcr_status status, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    status = svcr__atone_cell_vfail(draft, cell, offset, where, status, fmt, args);
    va_end(args);
    return status;
}
