"""Validate an HTML file with html5lib's strict parser (every parse error fails).

Usage: python3 validate_html.py FILE
Exit status: 0 valid, 1 invalid (the errors are printed), 3 html5lib is not installed.
"""
import sys

try:
    import html5lib
except ImportError:
    print("html5lib is not installed (pip install html5lib)")
    sys.exit(3)

parser = html5lib.HTMLParser(strict=True)
with open(sys.argv[1], "rb") as f:
    data = f.read()
try:
    parser.parse(data.decode("utf-8"))
except Exception as error:  # html5lib raises ParseError at the first error in strict mode
    print(f"invalid: {error}; errors: {parser.errors[:5]}")
    sys.exit(1)
print("valid")
