/// The helper a `PreviewService` runs with a python3 that has LibreOffice's UNO bridge
/// (Debian `python3-uno`): it starts one `soffice` listening on a private pipe, connects,
/// then converts documents to PDF one at a time as asked on its standard input (one JSON
/// object a line: `{"input": …, "output": …}`, or `{"quit": true}`), answering each with one
/// line: `ok`, `error <why>`, or `dead <why>` before exiting when LibreOffice went away.
/// Kept in the binary (written to the service's scratch folder at start), so nothing beside
/// it needs installing but the Debian packages.
enum WarmOfficeScript {
    static let source = #"""
import json, os, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

def say(line):
    sys.stdout.write(line.replace("\n", " ") + "\n")
    sys.stdout.flush()

soffice, profile, pipe = sys.argv[1], sys.argv[2], sys.argv[3]
office = subprocess.Popen([soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
                           "--nolockcheck", "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
                           "--accept=pipe,name=" + pipe + ";urp;StarOffice.ComponentContext"],
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
context = None
while context is None:
    if office.poll() is not None:
        say("dead soffice exited with status %d while starting" % office.returncode)
        sys.exit(3)
    try:
        context = resolver.resolve("uno:pipe,name=" + pipe + ";urp;StarOffice.ComponentContext")
    except NoConnectException:
        time.sleep(0.05)
desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
say("ready")
for line in sys.stdin:
    request = json.loads(line)
    if request.get("quit"):
        break
    try:
        document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(request["input"]), "_blank", 0,
                                                (prop("Hidden", True), prop("ReadOnly", True)))
        if document is None:
            say("error LibreOffice could not open the document")
            continue
        try:
            document.storeToURL(uno.systemPathToFileUrl(request["output"]), (prop("FilterName", "writer_pdf_Export"),))
        finally:
            document.close(True)
        say("ok")
    except Exception as error:
        alive = office.poll() is None
        if alive:
            try:
                desktop.getFrames()
            except Exception:
                alive = False
        if not alive:
            say("dead LibreOffice stopped: %s" % error)
            sys.exit(3)
        say("error %s" % error)
try:
    desktop.terminate()
except Exception:
    pass
try:
    office.wait(timeout=10)
except Exception:
    office.kill()
"""#
}
