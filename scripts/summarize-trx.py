#!/usr/bin/env python3
"""Adds up the outcomes in every TRX file under a folder and prints 'N passed, N failed[, N skipped]'.
Exit code 0 only when at least one test ran and none failed."""
import glob, os, sys
import xml.etree.ElementTree as ET

folder = sys.argv[1] if len(sys.argv) > 1 else "TestResults"
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
files = sorted(glob.glob(os.path.join(folder, "**", "*.trx"), recursive=True))
for path in files:
    root = ET.parse(path).getroot()
    for result in root.iterfind(".//t:Results/t:UnitTestResult", ns):
        outcome = result.get("outcome", "")
        if outcome == "Passed":
            passed += 1
        elif outcome in ("NotExecuted", "Inconclusive", "Pending"):
            skipped += 1
        else:
            failed += 1
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(0 if files and passed and not failed else 1)
