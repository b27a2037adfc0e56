"""Opens workbooks in LibreOffice, sets parameters in their cells, recalculates every formula and
reports the named cells' values as JSON.

    recalc.py JOB.json    where JOB is {"cases": [{"file": PATH, "set": {NAME: VALUE}, "names": [NAME],
                                                     "recalculate": true}]}

Prints {"results": [{NAME: {"number": F} | {"text": S} | {"error": CODE} | {"empty": true}}]}, one
object per case, in order. Each case loads its file afresh, so a case sees only its own settings.
One headless LibreOffice serves every case, on a private profile and pipe; it is shut down (and
killed if it will not go) before the script exits. Exit status 2: LibreOffice or its Python
bridge is missing or would not start.

LibreOffice is told never to recalculate on load, so a case with "recalculate": false reads the
values cached in the file, as a viewer that does not recalculate shows them.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

try:
    import uno
    from com.sun.star.beans import PropertyValue
except ImportError as e:
    print(f"recalc.py: the LibreOffice Python bridge is missing ({e}); install python3-uno", file=sys.stderr)
    sys.exit(2)

# com.sun.star.table.CellContentType and com.sun.star.sheet.FormulaResult
EMPTY, VALUE, TEXT, FORMULA = 0, 1, 2, 3
RESULT_STRING = 2

# Generous: a guard against a hang on a busy machine, never a measure of speed.
START_TIMEOUT_S = 300


NEVER_RECALCULATE_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>1</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>1</value></prop></item>
</oor:items>
"""


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe, proc):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if proc.poll() is not None:
                raise RuntimeError(f"LibreOffice exited with status {proc.returncode} before accepting")
            if time.monotonic() > deadline:
                raise RuntimeError("LibreOffice did not accept a connection")
            time.sleep(0.25)


def cell_of(doc, name):
    if not doc.NamedRanges.hasByName(name):
        raise RuntimeError(f"the workbook has no cell named {name}")
    return doc.NamedRanges.getByName(name).getReferredCells().getCellByPosition(0, 0)


def read(cell):
    if cell.getError() != 0:
        return {"error": cell.getError()}
    kind = cell.getType().value if hasattr(cell.getType(), "value") else cell.getType()
    kind = {"EMPTY": EMPTY, "VALUE": VALUE, "TEXT": TEXT, "FORMULA": FORMULA}.get(kind, kind)
    if kind == EMPTY:
        return {"empty": True}
    if kind == TEXT or (kind == FORMULA and cell.FormulaResultType2 == RESULT_STRING):
        return {"text": cell.getString()}
    return {"number": cell.getValue()}


def run_case(desktop, case):
    url = uno.systemPathToFileUrl(os.path.abspath(case["file"]))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise RuntimeError(f"LibreOffice could not open {case['file']}")
    try:
        for name, value in case.get("set", {}).items():
            cell = cell_of(doc, name)
            if isinstance(value, bool):
                cell.setValue(1 if value else 0)
            elif isinstance(value, (int, float)):
                cell.setValue(value)
            else:
                cell.setString(value)
        if case.get("recalculate", True):
            doc.calculateAll()
        return {name: read(cell_of(doc, name)) for name in case["names"]}
    finally:
        doc.close(True)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        job = json.load(f)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("recalc.py: LibreOffice (soffice) is not installed", file=sys.stderr)
        sys.exit(2)
    profile = tempfile.mkdtemp(prefix="reelcost-lo-")
    os.makedirs(os.path.join(profile, "user"))
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w", encoding="utf-8") as f:
        f.write(NEVER_RECALCULATE_ON_LOAD)
    pipe = "reelcost_" + uuid.uuid4().hex
    proc = subprocess.Popen(
        [
            soffice,
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        try:
            ctx = connect(pipe, proc)
        except RuntimeError as e:
            print(f"recalc.py: {e}", file=sys.stderr)
            sys.exit(2)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        results = [run_case(desktop, case) for case in job["cases"]]
        json.dump({"results": results}, sys.stdout)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge drops as LibreOffice exits
    finally:
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
