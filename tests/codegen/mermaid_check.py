"""A structural check of the Mermaid erDiagram schemake-codegen writes.

    mermaid_check.py FILE

No Mermaid CLI offline, so: every line must match the part of the
erDiagram grammar we emit (comments, the header, entity blocks with typed
attributes and PK/FK/UK keys and a quoted comment, relationships with
crow's-foot cardinalities and a quoted label); braces balance and do not
nest; entities are defined once; relationships name defined entities.
Exits 1 and says which line is wrong otherwise.
"""
import re
import sys

WORD = r"[A-Za-z_][A-Za-z0-9_\-\[\]\(\)]*"
ENTITY = r"[A-Za-z_][A-Za-z0-9_\-]*"
KEYS = r"(PK|FK|UK)(, (PK|FK|UK))*"
attr_re = re.compile(r"^        %s %s( %s)?( \"[^\"\n]*\")?$" % (WORD, WORD, KEYS))
open_re = re.compile(r"^    (%s) \{$" % ENTITY)
rel_re = re.compile(r"^    (%s) (\|o|\|\||\}o|\}\|)(--|\.\.)(o\||\|\||o\{|\|\{) (%s) : \"[^\"\n]*\"$" % (ENTITY, ENTITY))

errors = []
entities = set()
rels = []
inside = None
header = False
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
for n, line in enumerate(lines, 1):
    if line.lstrip().startswith("%%"):
        continue
    if not header:
        if line != "erDiagram":
            errors.append("%d: expected erDiagram: %s" % (n, line))
        header = True
        continue
    if inside:
        if line == "    }":
            inside = None
        elif not attr_re.match(line):
            errors.append("%d: not an attribute of %s: %s" % (n, inside, line))
        continue
    m = open_re.match(line)
    if m:
        if m.group(1) in entities:
            errors.append("%d: entity %s defined twice" % (n, m.group(1)))
        entities.add(m.group(1))
        inside = m.group(1)
        continue
    m = rel_re.match(line)
    if m:
        rels.append((n, m.group(1), m.group(5)))
        continue
    errors.append("%d: not erDiagram syntax: %s" % (n, line))
if inside:
    errors.append("entity %s not closed" % inside)
if not header:
    errors.append("no erDiagram line")
for n, a, b in rels:
    for e in (a, b):
        if e not in entities:
            errors.append("%d: relationship names the undefined entity %s" % (n, e))
for e in errors:
    print(e)
print("%d entities, %d relationships, %d errors" % (len(entities), len(rels), len(errors)))
sys.exit(1 if errors else 0)
