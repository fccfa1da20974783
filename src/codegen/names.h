#ifndef SK_CODEGEN_NAMES_H
#define SK_CODEGEN_NAMES_H
/*
 * Identifiers of generated code. A database name (any bytes: spaces,
 * quotes, keywords, leading digits, non-ASCII) becomes a name that is valid
 * and not reserved in the target language, deterministically:
 *
 *  1. every run of characters other than ASCII letters, digits and '_'
 *     becomes one '_' ("my col" -> my_col, "żółć" -> _, "a-b c" -> a_b_c);
 *     an empty result is "x";
 *  2. a leading digit gets the prefix "x_" ("2fa" -> x_2fa);
 *  3. C: a leading "__" or "_" + upper case letter (reserved in C) gets the
 *     prefix "x"; Python: any leading '_' gets the prefix "x" (a Pydantic
 *     field may not start with '_', and '__name' would be mangled);
 *  4. a reserved word of the language gets the suffix '_' ("class" ->
 *     class_, "metadata" -> metadata_); see sk_cg_reserved;
 *  5. within one scope (a struct, a class, a module), names that needed no
 *     change are claimed first, then the others in order; a name already
 *     taken gets "_2", "_3", ... (the first free one).
 * The database name is always kept next to it in what is generated.
 */
#include <stdbool.h>
#include <stddef.h>

#include "common/arena.h"
#include "common/buf.h"

enum sk_cg_lang {
	SK_CG_LANG_C = 0,
	SK_CG_LANG_PYTHON,
	/* members of a Python (str, enum.Enum): Python keywords, "mro" and
	 * the methods of str are reserved there, not the model attributes */
	SK_CG_LANG_PYENUM
};

/* Step 1 only (for names that get a prefix). Returns true when the result
 * differs from name. */
bool sk_cg_clean(struct sk_buf *out, const char *name);
/* Steps 1 to 4: appends the identifier for name. Returns true when it
 * differs from name. */
bool sk_cg_ident(struct sk_buf *out, enum sk_cg_lang lang, const char *name);
/* A Python class name: steps 1 and 2 ("X" as the prefix), then each '_'
 * separated part capitalised and joined ("order_line" -> OrderLine,
 * "2fa codes" -> X2faCodes), then step 4. Returns true when it differs
 * from name. */
bool sk_cg_class_ident(struct sk_buf *out, const char *name);
/* Reserved in lang: C11/C23 keywords and macros of the standard headers and
 * common predefined macros; Python keywords, soft keywords, builtins that
 * generated code uses, SQLAlchemy's declarative attributes (metadata,
 * registry, query, ...) and Pydantic's BaseModel attributes (1.x and 2.x). */
bool sk_cg_reserved(enum sk_cg_lang lang, const char *ident);

/* A map from strings to pointers (open addressing), the table behind
 * scopes and the plan's memos. Keys are copied into the arena given to
 * sk_cg_map_init; the table is freed by sk_cg_map_release. */
struct sk_cg_map_slot;
struct sk_cg_map {
	struct sk_arena *arena;
	struct sk_cg_map_slot *slots;
	size_t nslots, nused;
};
void sk_cg_map_init(struct sk_cg_map *m, struct sk_arena *arena);
void sk_cg_map_release(struct sk_cg_map *m);
/* The map's copy of key, or NULL when key is not in it; *value (when
 * value is not NULL) gets its value. */
const char *sk_cg_map_find(const struct sk_cg_map *m, const char *key, void **value);
/* Adds key with value (or sets the value of a key already there); returns
 * the map's copy of key. */
const char *sk_cg_map_put(struct sk_cg_map *m, const char *key, void *value);

/* A scope of unique names (step 5). Names live in the arena given to
 * sk_cg_scope_init; the scope's table is freed by sk_cg_scope_release. */
struct sk_cg_scope {
	struct sk_cg_map names;
};
void sk_cg_scope_init(struct sk_cg_scope *s, struct sk_arena *arena);
void sk_cg_scope_release(struct sk_cg_scope *s);
bool sk_cg_scope_has(const struct sk_cg_scope *s, const char *name);
/* Takes name as it is (it must be free: check with sk_cg_scope_has). */
const char *sk_cg_scope_take(struct sk_cg_scope *s, const char *name);
/* name, or name_2, name_3, ...: the first that is free; taken. */
const char *sk_cg_scope_claim(struct sk_cg_scope *s, const char *name);
/* A stem such that stem + each suffix is free: stem, stem_2, ...; every
 * stem + suffix is taken (the stem itself only when take_stem). */
const char *sk_cg_scope_claim_stem(struct sk_cg_scope *s, const char *stem, const char *const *suffixes,
                                   size_t nsuffixes, bool take_stem);

/* Steps 1 to 4 computed once per name and language: a model's tables
 * repeat their column names (id, name, created_at), so a plan keeps one
 * of these for all its scopes. Strings live in the arena given to
 * sk_cg_idents_init; the tables are freed by sk_cg_idents_release. */
struct sk_cg_idents {
	struct sk_cg_map by_lang[SK_CG_LANG_PYENUM + 1];
};
void sk_cg_idents_init(struct sk_cg_idents *m, struct sk_arena *arena);
void sk_cg_idents_release(struct sk_cg_idents *m);
/* What sk_cg_ident appends for name, and (changed, may be NULL) what it
 * returns. */
const char *sk_cg_idents_get(struct sk_cg_idents *m, enum sk_cg_lang lang, const char *name, bool *changed);

/* Step 5 for a list: out[i] is the unique identifier of names[i] in scope s
 * (see above: unchanged names first). out[] strings live in the scope's
 * arena. idents, when not NULL, remembers steps 1 to 4 across calls. */
void sk_cg_assign(const char **out, struct sk_cg_scope *s, enum sk_cg_lang lang, const char *const *names,
                  size_t n, struct sk_cg_idents *idents);

/* Literals: a Python "..." string (UTF-8 kept, control characters
 * escaped) and a C "..." string (non-ASCII bytes as octal escapes, no
 * trigraphs). */
void sk_cg_py_literal(struct sk_buf *out, const char *s);
void sk_cg_c_literal(struct sk_buf *out, const char *s);

#endif
