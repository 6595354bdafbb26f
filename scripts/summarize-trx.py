#!/usr/bin/env python3
"""Adds up the outcomes in every TRX file under a folder and prints 'N passed, N failed[, N skipped]'.
Failed tests are named (with the first lines of their message) just before that line, so the tail of a CI log
says what failed. Exit code 0 only when at least one test ran and none failed."""
import glob, os, sys
import xml.etree.ElementTree as ET

folder = sys.argv[1] if len(sys.argv) > 1 else "TestResults"
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
failures = []
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
            message = result.find("t:Output/t:ErrorInfo/t:Message", ns)
            text = (message.text or "").strip() if message is not None else ""
            first = " | ".join(text.splitlines()[:3])[:400]
            failures.append(f"FAILED {result.get('testName', '?')}: {first}")
for failure in failures:
    print(failure)
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(0 if files and passed and not failed else 1)
