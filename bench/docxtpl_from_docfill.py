#!/usr/bin/env python3
"""Turns a DocFill DOCX template into a docxtpl (Jinja2) template of the same content, for the
benchmark's real seed report: docxtpl has no twin of Templates/bao-cao-dang-uy.docx otherwise.

  docxtpl_from_docfill.py TEMPLATE.docx VIEW.json OUT.docx OUT-DATA.json

VIEW.json is the data the DocFill template sees (for the report, its model's view:
`docfill-bench --dump-view`). OUT-DATA.json is that data as docxtpl gets it: rich values
(`{"md": "… *italic* …"}`) become their plain text (the bench compares text, not formatting).

Mustache looks names up a context stack; Jinja needs explicit paths. The converter therefore
walks the template with the data as DocFill renders it (every section entered as often as the
data says) and records, for every tag, which frame of the stack gave its name and what kind of
value each section had. Content the data skips (a false or null section, an inverted one over
a truthy value) is walked too, apart, as if entered with that value: it prints nothing with
this data, but its names and kinds then read as they would with data that enters it (the
report's appendix layouts: each appendix enters one, the others are false). From that:
  - a section over lists is `for v in path` (`(path or [])` where the data also has a null
    or false there), over a truthy object or scalar `if path` (its frame is then `path`), an
    inverted one `if not path`; a section no walk evaluates takes the kind of a section of
    the same name that is a list somewhere, else `if`;
  - a name is spelled from the frame that gave it in every visit (`x["a"]["b"]`); one no walk
    reaches, from the innermost frame whose data elsewhere has the name, else the root's, else
    the innermost (Mustache's first try); `{{.}}` is the frame itself; `@index @number
    @first @last @count` are `loop.index0 .index .first .last .length`; a value the data has
    as null is guarded (`(x if x is not none else "")`: Jinja prints None);
  - where a section tag sits chooses docxtpl's form, as DocFill's structure rules do: both
    tags in one paragraph: inline `{% %}` in the text; in different paragraphs of one
    container (body, cell): `{%p %}` paragraphs, the tag paragraphs split at the tag, pieces
    holding only whitespace left out (DocFill drops them too); in different cells or rows of
    one table: `{%tr %}` rows around the rows, the first/last row dropped when it held nothing
    but those tags and has no vertically merged cell (DocFill drops it too);
  - explicit loops (`{{-w:p x}}`, `{{-w:tr x}}`, `{{-w:tc x}}`) are `{%p %}`, `{%tr %}`,
    `{%tc %}` paragraphs, rows and cells before the first and after the last element;
  - a picture placeholder (alt text `{{name}}`) becomes an empty conditional around its run
    (`{%r if name %}…{%r endif %}`), its alt text the bare name: docxtpl cannot fill a picture
    from a path in the data, so this works only while the data has no picture there.

Not supported; each stops the conversion with a message, none is approximated:
  filters (`{{x | upper}}`), partials, set delimiters, explicit loops over other elements,
  cell span tags (`{{~colspan n}}`, `~rowspan`, `~merge`, `~width`: docxtpl has `{% colspan %}`
  but no row span or column width from data), tags in text boxes, footnotes, comments or document properties, a tag split
  over paragraphs, an inline section whose tags sit in runs of different parents, a split
  paragraph with a section break, a name the data resolves at different stack depths in
  different visits, a dotted name whose middle part is absent, a section whose data is a list
  in one visit and an object in another, an empty object as a section (truthy in Mustache,
  falsy in Jinja), a value tag over true/false, a float, a list or an object (printed
  differently by Jinja), a key with `{`, `}` or `%` (docxtpl's statement patterns stop
  there), a picture the data fills, rich text with paragraphs, bullets, links or ^sup^/~sub~.
  What DocFill and docxtpl print may still differ where this list is silent: the bench
  compares the two outputs' text on every run.
"""
import copy
import json
import re
import sys
import zipfile

from lxml import etree

from mustache_jinja import Tag, Unsupported, pair, plain, resolve, statement, walk

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MARK = "{urn:docfill-bench}if"   # a picture run to wrap, until the tree is written


def w(name):
    return "{%s}%s" % (W, name)


TAG = re.compile(r"\{\{\{(.*?)\}\}\}|\{\{(.*?)\}\}", re.S)
CONTAINERS = {w("body"), w("tc"), w("hdr"), w("ftr")}
SILENT = {w("lastRenderedPageBreak")}


class Para:
    """A paragraph's text items (w:t) and object items (other run content) in order."""

    def __init__(self, p):
        self.p, self.items, self.tags = p, [], []
        self._walk(p)
        self.texts = [i.text or "" if i.tag == w("t") else "" for i in self.items]
        self.char_item = [k for k, t in enumerate(self.texts) for _ in t]

    def _walk(self, e):
        for c in e:
            if c.tag == w("p") or not isinstance(c.tag, str):
                continue
            if c.tag == w("t") or (c.getparent().tag == w("r") and c.tag != w("rPr")):
                self.items.append(c)
            else:
                self._walk(c)

    def lex(self):
        text = "".join(self.texts)
        for m in TAG.finditer(text):
            triple = m.group(1) is not None
            body = (m.group(1) if triple else m.group(2)).strip()
            kind, name, explicit = "value", body, None
            loop = re.match(r"^-w:(p|tr|tc)\s+(.*)$", body)
            if loop and not triple:
                kind, name, explicit = "open", loop.group(2).strip(), loop.group(1)
            elif not triple and body[:1] in "#^/!=>&-~":
                kind = {"#": "open", "^": "inverted", "/": "close", "!": "comment", "&": "value"}.get(body[0])
                name = body[1:].strip()
                if kind is None or (body[0] == "#" and " " in name):
                    raise Unsupported("'%s': set delimiters, partials, cell spans and explicit loops over "
                                      "other elements than w:p, w:tr, w:tc are not converted" % m.group(0))
            if "|" in name:
                raise Unsupported("'%s': filters are not converted" % m.group(0))
            if kind != "comment" and not re.match(r"^(\.|@\w+|[^\s.]+(\.[^\s.]+)*)$", name):
                raise Unsupported("'%s': not a name" % m.group(0))
            self.tags.append(Tag(kind, name, self, m.start(), m.end(), self.char_item[m.start()]))
            self.tags[-1].explicit = explicit
        if "{{" in TAG.sub("", text):
            raise Unsupported("a tag left open in paragraph '%s' (a tag over paragraphs)" % text[:60])
        for k, item in enumerate(self.items):
            if item.tag == w("t"):
                continue
            names = {n for e in item.iter() for v in e.attrib.values() for n in re.findall(r"\{\{\s*(.*?)\s*\}\}", v)}
            if len(names) > 1 or any(not re.match(r"^[\w.]+$", n) for n in names):
                raise Unsupported("an object with alt text %s: one picture tag per picture" % sorted(names))
            for name in names:
                for e in item.iter():
                    for a, v in e.attrib.items():
                        e.set(a, re.sub(r"\{\{\s*(.*?)\s*\}\}", r"\1", v))
                self.tags.append(Tag("picture", name, self, item=k))
        self.tags.sort(key=lambda t: (t.item, t.start or 0))


def ancestors(e):
    e = e.getparent()
    while e is not None:
        yield e
        e = e.getparent()


def container(p):
    return next(a for a in ancestors(p) if a.tag in CONTAINERS or a.tag == w("txbxContent"))


def nearest(e, tag):
    return next((a for a in ancestors(e) if a.tag == tag), None)


def classify(o):
    """Where a section sits, as DocFill's structure rules decide: inline, paragraphs or rows."""
    c = o.partner
    if o.explicit:
        # An explicit loop: the named elements around the open and the close tag, and those
        # between, repeat; they must be siblings (DocFill's explicit_loop_element otherwise).
        ends = [t.para.p if o.explicit == "p" else nearest(t.para.p, w(o.explicit)) for t in (o, c)]
        if None in ends or ends[0].getparent() is not ends[1].getparent():
            raise Unsupported("explicit loop '%s': its tags are not in two w:%s of one parent" % (o.name, o.explicit))
        o.form = c.form = "x"
        o.ends = ends
        return
    if o.para is c.para:
        runs = [o.para.items[t.item].getparent() for t in (o, c)]
        if runs[0].getparent() is not runs[1].getparent():
            raise Unsupported("inline section '%s': its tags sit in runs of different parents" % o.name)
        o.form = c.form = "inline"
        return
    boxes = [container(t.para.p) for t in (o, c)]
    if any(b.tag == w("txbxContent") for b in boxes):
        raise Unsupported("section '%s' in a text box" % o.name)
    if boxes[0] is boxes[1]:
        o.form = c.form = "p"
        return
    rows = [nearest(b, w("tr")) if b.tag == w("tc") else None for b in boxes]
    tables = [nearest(r, w("tbl")) if r is not None else None for r in rows]
    if None in rows or tables[0] is not tables[1] \
            or any(nearest(b, w("tr")) is not r for b, r in zip(boxes, rows)):
        raise Unsupported("section '%s' crosses a table boundary" % o.name)
    o.form = c.form = "tr"
    o.rows = rows


def snippet_paragraph(text):
    p = etree.Element(w("p"))
    etree.SubElement(etree.SubElement(p, w("r")), w("t")).text = text
    return p


def snippet_row(text):
    row = etree.Element(w("tr"))
    row.append(snippet_cell(text))
    return row


def snippet_cell(text):
    cell = etree.Element(w("tc"))
    cell.append(snippet_paragraph(text))
    return cell


SNIPPETS = {"p": snippet_paragraph, "tr": snippet_row, "tc": snippet_cell}


def piece_texts(para, repl, lo, hi):
    """Each item's text: the characters in [lo, hi) outside tags, a replacement at each tag start."""
    out = [[] for _ in para.items]
    text = "".join(para.texts)
    starts = {t.start: t for t in para.tags if t.start is not None}
    skip = -1
    for g, ch in enumerate(text):
        k = para.char_item[g]
        if g in starts:
            skip = starts[g].end
            if lo <= g < hi:
                out[k].append(repl.get(starts[g], ""))
        if g >= skip and lo <= g < hi:
            out[k].append(ch)
    return ["".join(x) for x in out]


def apply_texts(p, texts, keep_object):
    """Writes `texts` into the copy `p` of a paragraph; drops object items `keep_object` refuses.
    Whether anything shows is returned."""
    shows = False
    for k, item in enumerate(Para(p).items):
        if item.tag == w("t"):
            item.text = texts[k]
            item.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            shows = shows or texts[k].strip() != ""
        elif not keep_object(k):
            item.getparent().remove(item)
        elif item.tag not in SILENT:
            shows = True
    return shows


def rewrite_paragraph(para, repl):
    """Replaces the tags in a paragraph's text; splits it at paragraph-level section tags."""
    splits = [t for t in para.tags if t.form == "p"]
    if not splits:
        apply_texts(para.p, piece_texts(para, repl, 0, len(para.char_item)), lambda k: True)
        return
    if para.p.find(".//" + w("sectPr")) is not None:
        raise Unsupported("a paragraph split at a section tag holds a section break")
    new = []
    for j in range(len(splits) + 1):
        lo = 0 if j == 0 else splits[j - 1].end
        hi = splits[j].start if j < len(splits) else len(para.char_item)
        first = -1 if j == 0 else para.char_item[splits[j - 1].end - 1]
        last = splits[j].item if j < len(splits) else len(para.items)
        piece = copy.deepcopy(para.p)
        if j > 0:
            for br in piece.findall("./%s/%s" % (w("pPr"), w("pageBreakBefore"))):
                br.getparent().remove(br)
        shows = apply_texts(piece, piece_texts(para, repl, lo, hi), lambda k: first < k < last)
        if shows or (j == 0 and piece.find("./%s/%s" % (w("pPr"), w("pageBreakBefore"))) is not None):
            new.append(piece)
        if j < len(splits):
            new.append(snippet_paragraph(statement(splits[j], "p")))
    for e in new:
        para.p.addprevious(e)
    para.p.getparent().remove(para.p)


def tag_only_row(row, boundary, by_element):
    """Whether DocFill drops this first/last row of a row section: nothing but those tags, no vMerge."""
    if row.find(".//" + w("vMerge")) is not None:
        return False
    for p in row.iter(w("p")):
        para = by_element[p]
        if any(t not in boundary for t in para.tags):
            return False
        if any(it.tag != w("t") and it.tag not in SILENT for it in para.items):
            return False
        if "".join(piece_texts(para, {}, 0, len(para.char_item))).strip():
            return False
    return True


def convert(root, data):
    """Converts one part's tree in place; returns the number of tags."""
    paras = [Para(p) for p in root.iter(w("p"))]
    for para in paras:
        para.lex()
    tags = [t for para in paras for t in para.tags]
    if not tags:
        return 0
    if any(nearest(t.para.p, w("txbxContent")) is not None for t in tags):
        raise Unsupported("a tag in a text box")
    tree = pair(tags)
    walk(tree, [(data, None)])
    for t in tags:
        seen = t.seen if t.seen["values"] else t.shadow
        t.depths, t.values = seen["depths"], seen["values"]
    kinds = {}
    for t in tags:
        if t.kind == "open" and any(isinstance(v, list) for v in t.values):
            kinds[t.name] = "for"
    resolve(tree, [], kinds, [0], data)
    for t in tags:
        if t.kind in ("open", "inverted"):
            classify(t)
    repl = {}
    for t in tags:
        if t.kind == "value":
            repl[t] = "{{ %s }}" % t.expr
        elif t.kind in ("open", "inverted", "close") and t.form == "inline":
            repl[t] = statement(t, "inline")
        elif t.kind == "picture":
            t.para.items[t.item].getparent().set(MARK, t.expr)
    by_element = {para.p: para for para in paras}
    before, after, drop = [], [], []
    for t in tags:
        if t.kind not in ("open", "inverted") or t.form != "tr":
            continue
        first, last = t.rows
        before.append((first, statement(t, "tr")))
        after.append((last, statement(t.partner, "tr")))
        if first is not last:
            for row, tag in ((first, t), (last, t.partner)):
                boundary = {x for x in tags if x.form == "tr" and
                            ((x.kind != "close" and x.rows[0] is row) or (x.kind == "close" and x.section.rows[1] is row))}
                if tag in boundary and tag_only_row(row, boundary, by_element) and row not in drop:
                    drop.append(row)
    # Explicit loops' statements go in now, outside the paragraphs a rewrite may replace.
    for t in tags:
        if t.form == "x" and t.kind == "open":
            t.ends[0].addprevious(SNIPPETS[t.explicit](statement(t, t.explicit)))
            t.ends[1].addnext(SNIPPETS[t.explicit](statement(t.partner, t.explicit)))
    for para in paras:
        if para.tags:
            rewrite_paragraph(para, repl)
    for row, text in before:
        row.addprevious(snippet_row(text))
    for row, text in reversed(after):
        row.addnext(snippet_row(text))
    for row in drop:
        row.getparent().remove(row)
    for run in list(root.iter(w("r"))):
        if run.get(MARK) is not None:
            run.addprevious(snippet_paragraph("{%%r if %s %%}" % run.get(MARK))[0])
            run.addnext(snippet_paragraph("{%r endif %}")[0])
            del run.attrib[MARK]
    # Nothing else may read as Jinja: every opener left is one of ours.
    # (one per tag but comments; two per picture)
    snippets = sum({"comment": 0, "picture": 2}.get(t.kind, 1) for t in tags)
    text = "".join(x.text or "" for x in root.iter(w("t")))
    found = sum(len(re.findall(p, text)) for p in (r"\{\{", r"\{%", r"\{#"))
    if found != snippets:
        raise Unsupported("the text has %d Jinja openers for %d converted tags: stray braces" % (found, snippets))
    return len(tags)


def convert_file(template, view, out, data_out):
    """Writes the docxtpl template `out` and its data `data_out`; returns the tags converted."""
    with open(view, encoding="utf-8") as f:
        data = plain(json.load(f))
    converted = 0
    with zipfile.ZipFile(template) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            raw = zin.read(info.filename)
            if re.match(r"word/(document|header\d*|footer\d*)\.xml$", info.filename):
                root = etree.fromstring(raw)
                converted += convert(root, data)
                raw = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif b"{{" in raw or b"{%" in raw:
                raise Unsupported("%s holds tags: only the body, headers and footers are converted" % info.filename)
            zout.writestr(info, raw)
    with open(data_out, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    return converted


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__.split("\n\n")[1])
    print("docxtpl_from_docfill: %d tags converted into %s" % (convert_file(*argv), argv[2]))


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except Unsupported as error:
        sys.exit("docxtpl_from_docfill: %s" % error)
