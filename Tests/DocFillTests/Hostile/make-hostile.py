#!/usr/bin/env python3
"""Writes hostile templates into the folder given as argument (generated at test time so
that no large or dangerous file lives in git). Each file name is the case name; the
expected error code for each is in EXPECTED at the bottom (printed as JSON with --expected).

Usage: make-hostile.py OUTDIR BASE.docx

Besides templates it writes hostile data files (data-*.json / data-*.yaml) and templates with
thousands of unclosed tags (unclosed-*.txt / unclosed-*.docx).
"""
import io, json, os, struct, sys, zipfile, zlib

def entries(base):
    with zipfile.ZipFile(base) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]

def write(path, items, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in items:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, data)

def patch_sizes(path, name, declared):
    """Rewrites the declared uncompressed size of entry `name` in its local header and the
    central directory, keeping the (correct) CRC: a lying header."""
    data = bytearray(open(path, "rb").read())
    raw = name.encode()
    # local header: signature PK\3\4, uncompressed size at offset 22
    i = data.find(b"PK\x03\x04" + b"")
    while i != -1:
        nlen = struct.unpack_from("<H", data, i + 26)[0]
        if data[i + 30:i + 30 + nlen] == raw:
            struct.pack_into("<I", data, i + 22, declared)
        i = data.find(b"PK\x03\x04", i + 4)
    # central directory: signature PK\1\2, uncompressed size at offset 24
    i = data.find(b"PK\x01\x02")
    while i != -1:
        nlen = struct.unpack_from("<H", data, i + 28)[0]
        if data[i + 46:i + 46 + nlen] == raw:
            struct.pack_into("<I", data, i + 24, declared)
        i = data.find(b"PK\x01\x02", i + 4)
    open(path, "wb").write(bytes(data))

def patch_header_field(path, name, local_offset, central_offset, fmt, value):
    data = bytearray(open(path, "rb").read())
    raw = name.encode()
    for sig, name_len_at, name_at, field in ((b"PK\x03\x04", 26, 30, local_offset), (b"PK\x01\x02", 28, 46, central_offset)):
        i = data.find(sig)
        while i != -1:
            nlen = struct.unpack_from("<H", data, i + name_len_at)[0]
            if data[i + name_at:i + name_at + nlen] == raw:
                struct.pack_into(fmt, data, i + field, value)
            i = data.find(sig, i + 4)
    open(path, "wb").write(bytes(data))

def main():
    out, base = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    items = entries(base)
    p = lambda n: os.path.join(out, n)

    write(p("traversal.docx"), items + [("../../evil.txt", b"x")])
    write(p("absolute.docx"), items + [("/tmp/evil.txt", b"x")])
    write(p("backslash.docx"), items + [("..\\evil.txt", b"x")])
    # Declares 3 GiB for a small entry: refused from the central directory, nothing inflated.
    write(p("bomb-declared.docx"), items + [("word/media/big.bin", b"\0" * 4096)])
    patch_sizes(p("bomb-declared.docx"), "word/media/big.bin", 3 << 30)
    # Lying header: declares 1,000 bytes, holds 20 MiB of zeros with a correct CRC.
    write(p("bomb-lying.docx"), items + [("word/media/lie.bin", b"\0" * (20 << 20))])
    patch_sizes(p("bomb-lying.docx"), "word/media/lie.bin", 1000)
    with open(p("not-a-zip.docx"), "w") as f: f.write("This is not a zip archive.\n")
    open(p("empty.docx"), "wb").close()
    good = io.BytesIO(); write(good, items)
    open(p("truncated.docx"), "wb").write(good.getvalue()[: len(good.getvalue()) // 2])
    with zipfile.ZipFile(p("duplicate.docx"), "w", zipfile.ZIP_DEFLATED) as z:
        import warnings; warnings.simplefilter("ignore")
        for name, data in items: z.writestr(name, data)
        z.writestr("word/document.xml", b"<x/>")
    write(p("encrypted.docx"), items)   # general purpose flag bit 0 = encrypted
    patch_header_field(p("encrypted.docx"), "word/document.xml", 6, 8, "<H", 1)
    write(p("unknown-method.docx"), items)   # compression method 18 (IBM TERSE) is unsupported
    patch_header_field(p("unknown-method.docx"), "word/styles.xml", 8, 10, "<H", 18)
    write(p("missing-main.docx"), [(n, d) for n, d in items if n != "word/document.xml"])
    laughs = b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>'
    write(p("doctype-entities.docx"), [(n, laughs if n == "word/document.xml" else d) for n, d in items])
    xxe = b'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
    write(p("external-entity.docx"), [(n, xxe if n == "word/document.xml" else d) for n, d in items])
    bad = b'<?xml version="1.0"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>\xff\xfe broken</w:t></w:r></w:p></w:body></w:document>'
    write(p("invalid-utf8.docx"), [(n, bad if n == "word/document.xml" else d) for n, d in items])
    deep = b'<?xml version="1.0"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + b"<w:sdt>" * 100000 + b"</w:sdt>" * 100000 + b"</w:body></w:document>"
    write(p("deep-nesting.docx"), [(n, deep if n == "word/document.xml" else d) for n, d in items])
    # A 12 MB text node, in a part under the 16 MiB part limit and the 64 MiB entry limit.
    # Runs of one letter broken by a varying one deflate about 100:1, under the 200:1 ratio
    # limit, so the archive check lets it through and the XML parser must refuse it.
    head = b'<?xml version="1.0"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
    tail = b'</w:t></w:r></w:p></w:body></w:document>'
    block = b"".join(b"a" * 97 + bytes([0x62 + k % 24]) + b"{}" for k in range(10007))
    text = (block * (12_000_000 // len(block) + 1))[:12_000_000]
    write(p("huge-text-node.docx"), [(n, head + text + tail if n == "word/document.xml" else d) for n, d in items])

    # Data files.
    controls = "".join(chr(c) for c in range(0x20) if c not in (9, 10, 13)) + "\x7f\ufffe\uffff"
    rows = [{"name": f"A{controls}pple {k}", "qty": k, "price": f"1{chr(1 + k % 8)}.50"} for k in range(3)]
    json.dump({"items": rows, "total_qty": 15, "title": f"T{controls}itle"}, open(p("data-control-chars.json"), "w"))
    open(p("data-invalid-utf8.json"), "wb").write(b'{"items": [{"name": "Caf\xe9", "qty": 1, "price": "2"}], "total_qty": 1}')
    open(p("data-invalid-utf8.yaml"), "wb").write(b'items:\n  - name: Caf\xe9\n    qty: 1\n    price: "2"\ntotal_qty: 1\n')
    open(p("data-deep.json"), "w").write('{"items": ' + "[" * 100_000 + "]" * 100_000 + ', "total_qty": 1}')
    open(p("data-deep.yaml"), "w").write("items: " + "[" * 100_000 + "]" * 100_000 + "\ntotal_qty: 1\n")
    with open(p("data-million-rows.json"), "w") as f:
        f.write('{"total_qty": 1, "items": [')
        f.write(",".join('{"name":"Row %d","qty":%d,"price":"1.00"}' % (k, k) for k in range(1_000_000)))
        f.write("]}")
    with open(p("data-million-rows.yaml"), "w") as f:
        f.write("total_qty: 1\nitems:\n")
        f.write("".join('  - {name: Row %d, qty: %d, price: "1.00"}\n' % (k, k) for k in range(1_000_000)))

    # Thousands of unclosed tags: one per line of a text template, one per paragraph of a DOCX.
    open(p("unclosed-5000.txt"), "w").write("".join("line %d {{name%d\n" % (k, k) for k in range(5000)))
    open(p("unclosed-one-line.txt"), "w").write("".join("{{a%d " % k for k in range(20000)))
    doc = dict(items)["word/document.xml"].decode()
    body_end = doc.rindex("<w:sectPr") if "<w:sectPr" in doc else doc.rindex("</w:body>")
    paragraphs = "".join("<w:p><w:r><w:t>x {{field%d</w:t></w:r></w:p>" % k for k in range(5000))
    unclosed = (doc[:body_end] + paragraphs + doc[body_end:]).encode()
    write(p("unclosed-5000.docx"), [(n, unclosed if n == "word/document.xml" else d) for n, d in items])
    one = "<w:p><w:r><w:t>" + "".join("{{f%d " % k for k in range(20000)) + "</w:t></w:r></w:p>"
    round_two(out, items)
    write(p("unclosed-one-paragraph.docx"), [(n, (doc[:body_end] + one + doc[body_end:]).encode() if n == "word/document.xml" else d) for n, d in items])

def round_two(out, items):
    """Issue 16: deep section nesting, many attributes or namespace declarations on one
    element, a part in UTF-16, a manifest with a DOCTYPE."""
    p = lambda n: os.path.join(out, n)
    doc = dict(items)["word/document.xml"].decode()
    body_end = doc.rindex("<w:sectPr") if "<w:sectPr" in doc else doc.rindex("</w:body>")
    with_body = lambda extra: [(n, (doc[:body_end] + extra + doc[body_end:]).encode() if n == "word/document.xml" else d) for n, d in items]
    for depth in (5000, 10000):
        tags = "{{#a}}" * depth + "x" + "{{/a}}" * depth
        write(p("sections-%d.docx" % depth), with_body("<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % tags))
        open(p("sections-%d.txt" % depth), "w").write(tags + "\n")
    open(p("data-a-true.json"), "w").write('{"a": true}')
    attrs = " ".join('a%d="v"' % k for k in range(200_000))
    write(p("attributes-200000.docx"), with_body("<w:p %s><w:r><w:t>x</w:t></w:r></w:p>" % attrs))
    # Memory (item 6): a 17 MiB part of text (compressing ~100:1, under the ratio limit), a
    # part of 250,000 elements, a 17 MiB data file.
    block = "".join("a" * 97 + chr(0x62 + k % 24) + "xx" for k in range(10007))
    text = (block * 18)[:17 << 20]
    write(p("part-17mib.docx"), with_body("<w:p><w:r><w:t>{{a}}</w:t></w:r></w:p>" + "".join(
        "<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % text[k:k + 9_000_000] for k in range(0, len(text), 9_000_000))))
    write(p("elements-250000.docx"), with_body("<w:p><w:r><w:t>{{a}}</w:t>" + "".join('<w:t w:x="%d"/>' % k for k in range(250_000)) + "</w:r></w:p>"))
    write(p("declared-100mib.docx"), items + [("word/media/big.bin", b"\0" * 4096)])
    patch_sizes(p("declared-100mib.docx"), "word/media/big.bin", 100 << 20)
    with open(p("data-17mib.json"), "w") as f:
        f.write('{"a": "' + "x" * (17 << 20) + '"}')
    # Output (item 3): one section over 50,000 paragraphs (or lines) and 10,000 items would
    # render 17 GB; refused with output_too_large once the part passes its limit.
    many = "".join("<w:p><w:r><w:t>x</w:t></w:r></w:p>" for _ in range(50_000))
    write(p("section-50000-paragraphs.docx"), with_body(
        "<w:p><w:r><w:t>{{#items}}</w:t></w:r></w:p>" + many + "<w:p><w:r><w:t>{{/items}}</w:t></w:r></w:p>"))
    open(p("section-50000-lines.txt"), "w").write("{{#items}}\n" + "line x\n" * 50_000 + "{{/items}}\n")
    open(p("data-10000-items.json"), "w").write(json.dumps({"items": list(range(10_000))}))
    decls = " ".join('xmlns:n%d="urn:n%d"' % (k, k) for k in range(200_000))
    write(p("namespaces-200000.docx"), with_body("<w:p %s><w:r><w:t>x</w:t></w:r></w:p>" % decls))

EXPECTED = {
    "traversal.docx": "unsafe_entry_name",
    "absolute.docx": "unsafe_entry_name",
    "backslash.docx": "unsafe_entry_name",
    "bomb-declared.docx": "zip_bomb",
    "bomb-lying.docx": "zip_bomb",
    "not-a-zip.docx": "not_a_zip",
    "empty.docx": "not_a_zip",
    "truncated.docx": "not_a_zip",
    "duplicate.docx": "duplicate_entry",
    "encrypted.docx": "encrypted_entry",
    "unknown-method.docx": "unsupported_compression",
    "missing-main.docx": "missing_part",
    "doctype-entities.docx": "xml_doctype",
    "external-entity.docx": "xml_doctype",
    "invalid-utf8.docx": "xml_encoding",
    "deep-nesting.docx": "xml_limit",
    "huge-text-node.docx": "xml_limit",
}

if __name__ == "__main__":
    if sys.argv[1:] == ["--expected"]:
        print(json.dumps(EXPECTED))
    else:
        main()
