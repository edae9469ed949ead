"""Mustache sections and names as Jinja: the pairing of section tags, the walk of the tags with
the data as DocFill renders them, the Jinja spelling of every tag, and the data as docxtpl gets
it (see docxtpl_from_docfill.py).
"""
import re


class Unsupported(Exception):
    """A construct the conversion does not handle: it stops, with this message."""


IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
JINJA_WORDS = {"and", "or", "not", "in", "is", "if", "else", "for", "loop", "true", "false", "none",
               "True", "False", "None", "self", "block", "super", "range", "varargs", "kwargs"}
LOOP = {"@index": "loop.index0", "@number": "loop.index", "@first": "loop.first", "@last": "loop.last",
        "@count": "loop.length"}


class Tag:
    """A tag where it sits (paragraph, characters or object item), and what the conversion learns."""

    def __init__(self, kind, name, para, start=None, end=None, item=None):
        self.kind, self.name, self.para, self.start, self.end, self.item = kind, name, para, start, end, item
        # What the walk with data saw: the depths of the frames that gave the name, the values.
        self.seen, self.shadow = {"depths": set(), "values": []}, {"depths": set(), "values": []}
        self.partner = self.section = None   # the section (open tag) of a close tag
        self.children = []                   # an open tag's content, for the walk with data
        self.frames = []                     # enclosing open tags that push a frame
        self.form = None                     # inline | p | tr | x (explicit loop) (section tags)
        self.explicit = None                 # p | tr | tc: an explicit loop's element
        self.emit = None                     # for | if | not (open tags)


def pair(tags):
    """Pairs section tags as DocFill does (by name, nested); returns the tree the walk visits."""
    stack, root = [], []
    for t in tags:
        (stack[-1].children if stack else root).append(t)
        if t.kind in ("open", "inverted"):
            stack.append(t)
        elif t.kind == "close":
            if not stack or stack[-1].name != t.name:
                raise Unsupported("'{{/%s}}' closes no open section of that name" % t.name)
            t.section = stack.pop()
            t.section.partner = t
            t.section.children.pop()   # the close tag itself
    if stack:
        raise Unsupported("'{{#%s}}' is never closed" % stack[-1].name)
    return root


def truthy(v):
    # DocFill's falsy values are Python's, but an empty object is truthy (rich values are text by now).
    return isinstance(v, dict) or bool(v)


def lookup(tag, stack):
    """(depth of the frame that gave the first name, value, problem); for an @-name the depth of
    the innermost list item's frame."""
    if tag.name == ".":
        return len(stack) - 1, stack[-1][0], None
    if tag.name.startswith("@"):
        k = max((i for i, f in enumerate(stack) if f[1] is not None), default=None)
        if k is None or tag.name not in LOOP:
            return None, None, "'%s' outside a list section" % tag.name
        i, n = stack[k][1]
        return k, {"@index": i, "@number": i + 1, "@first": i == 0, "@last": i == n - 1, "@count": n}[tag.name], None
    parts = tag.name.split(".")
    for d in range(len(stack) - 1, -1, -1):
        if isinstance(stack[d][0], dict) and parts[0] in stack[d][0]:
            v = stack[d][0][parts[0]]
            for k, part in enumerate(parts[1:], 1):
                if isinstance(v, dict) and part not in v and k < len(parts) - 1:
                    return d, None, "'%s': '%s' is absent from the data there" % (tag.name, part)
                v = v.get(part) if isinstance(v, dict) else None
            return d, v, None
    return None, None, "'%s': '%s' is in no frame of the data there" % (tag.name, parts[0]) if len(parts) > 1 else None


def walk(nodes, stack, shadow=False):
    """Visits the tags as DocFill renders them. Where the data skips a section (false, null, an
    inverted section over a truthy value) its content is still visited, in `shadow`, as if it
    were entered with that value: what the shadow sees resolves names and kinds that the render
    never reaches (they print nothing with this data, but the template should read right)."""
    for t in nodes:
        if t.kind in ("close", "comment"):
            continue
        d, v, problem = lookup(t, stack)
        seen = t.shadow if shadow else t.seen
        if problem and not shadow:
            raise Unsupported(problem)
        if not problem:
            seen["depths"].add(d)
            seen["values"].append(v)
        if t.kind == "inverted":
            walk(t.children, stack, shadow or truthy(v))
        elif t.kind == "open":
            if isinstance(v, list):
                for i, item in enumerate(v):
                    walk(t.children, stack + [(item, (i, len(v)))], shadow)
            else:
                walk(t.children, stack + [(v, None)], shadow or not truthy(v))


def sub(base, key):
    # Subscripts, not dots: Jinja's `x.items` would find the dict method, and `x.1` an index.
    if re.search(r"[{}%]", key):
        raise Unsupported("the key '%s': docxtpl's statement patterns stop at { } %%" % key)
    return '%s["%s"]' % (base, key.replace("\\", "\\\\").replace('"', '\\"'))


def expression(t, data):
    """The Jinja spelling of a tag's name where it sits (`t.frames`)."""
    if t.name in LOOP:
        # Jinja's `loop` is the innermost for loop's: it must be the innermost list of every visit
        # (stack index i + 1 is the frame of t.frames[i]).
        fors = [i for i, f in enumerate(t.frames) if f.emit == "for"]
        if not fors or any(k != fors[-1] + 1 for k in t.depths):
            raise Unsupported("'%s' outside the innermost list section" % t.name)
        return LOOP[t.name]
    if len(t.depths) > 1:
        raise Unsupported("'%s' is found at different depths of the stack in different visits" % t.name)
    parts = [] if t.name == "." else t.name.split(".")
    # A name no walk reaches: the innermost frame whose data (seen elsewhere) has the name, else
    # the root if it has it, else the innermost frame (Mustache's first try).
    depth = t.depths.pop() if t.depths else None
    for i in range(len(t.frames) - 1, -1, -1):
        if depth is None and parts and any(parts[0] in x for x in t.frames[i].items if isinstance(x, dict)):
            depth = i + 1
    if depth is None:
        depth = 0 if parts and parts[0] in data else len(t.frames)
    if depth == 0:
        if not parts or not IDENT.match(parts[0]) or parts[0] in JINJA_WORDS:
            raise Unsupported("'%s': not a name Jinja can read at the top level" % t.name)
        base, parts = parts[0], parts[1:]
    else:
        base = t.frames[depth - 1].frame
    for part in parts:
        base = sub(base, part)
    return base


def resolve(nodes, frames, kinds, counter, data):
    """Chooses each section's Jinja form (`emit`, `expr`, the frame it pushes) and each tag's
    expression, outside in. `kinds`: section names the data shows as lists anywhere."""
    for t in nodes:
        t.frames = frames
        if t.kind == "comment":
            continue
        path = expression(t, data)
        seen = [v for v in t.values if v is not None or t.kind != "value"]
        if t.kind == "value":
            if any(isinstance(v, (bool, float, list, dict)) for v in seen):
                raise Unsupported("'%s': a value Jinja prints differently (true/false, float, list, object)" % t.name)
            t.expr = path if None not in t.values else '(%s if %s is not none else "")' % (path, path)
        elif t.kind == "picture":
            if any(truthy(v) for v in t.values):
                raise Unsupported("picture '%s' has a picture in the data: docxtpl needs InlineImage objects" % t.name)
            t.expr = path
        elif t.kind == "inverted":
            t.emit, t.expr = "not", path
            resolve(t.children, frames, kinds, counter, data)
        else:
            lists = any(isinstance(v, list) for v in t.values)
            objects = [v for v in t.values if truthy(v) and not isinstance(v, list)]
            if lists and objects:
                raise Unsupported("section '%s' is a list in one visit and an object in another" % t.name)
            if any(v == {} for v in objects):
                raise Unsupported("section '%s' over an empty object (truthy in Mustache, falsy in Jinja)" % t.name)
            if not t.values:
                lists = kinds.get(t.name) == "for"
            if lists:
                counter[0] += 1
                t.emit = "for"
                t.frame = "%s_%d" % (re.sub(r"\W", "_", t.name.split(".")[-1]) or "item", counter[0])
                falsy = [v for v in t.values if not isinstance(v, list) and not truthy(v)]
                t.expr = "%s in %s" % (t.frame, "(%s or [])" % path if falsy else path)
            else:
                t.emit, t.expr, t.frame = "if", path, path
            t.items = [x for v in t.values for x in (v if isinstance(v, list) else [v]) if truthy(x)]
            resolve(t.children, frames + [t], kinds, counter, data)


def statement(t, form):
    """A section tag as docxtpl's statement of the given form (inline, p, tr)."""
    prefix = {"inline": " ", "p": "p ", "tr": "tr ", "tc": "tc "}[form]
    if t.kind == "close":
        return "{%%%s%s %%}" % (prefix, "endfor" if t.section.emit == "for" else "endif")
    verb = {"for": "for", "if": "if", "not": "if not"}[t.emit]
    return "{%%%s%s %s %%}" % (prefix, verb, t.expr)


def strip_markup(s):
    """The plain text of a rich value: what DocFill shows of it, without the emphasis."""
    if "\n\n" in s or re.search(r"(^|\n)- |\]\(|\^", s):
        raise Unsupported("rich text with paragraphs, bullets, links or ^sup^: %r" % s[:60])
    # A backslash before punctuation is that character, never a marker: kept aside meanwhile.
    escaped = []

    def keep(m):
        escaped.append(m.group(1))
        return "\ue000%d\ue001" % (len(escaped) - 1)
    s = re.sub(r"\\([!-/:-@\[-`{-~])", keep, s)
    for marker in ("**", "__", "~~", "*"):
        q = re.escape(marker)
        s = re.sub(r"%s(?=\S)(.+?)(?<=\S)%s" % (q, q), r"\1", s, flags=re.S)
    if re.search(r"\*|~|__|\\", s):
        raise Unsupported("rich text whose markers the converter does not pair: %r" % s[:60])
    return re.sub("\ue000(\\d+)\ue001", lambda m: escaped[int(m.group(1))], s)


def plain(v):
    """The data as docxtpl gets it: every rich value (an object with only `md`) as its text."""
    if isinstance(v, dict):
        if set(v) == {"md"} and isinstance(v["md"], str):
            return strip_markup(v["md"])
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    return v
