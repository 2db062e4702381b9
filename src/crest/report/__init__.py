"""The clinician report's rendering: one Jinja2 template for the HTML file, the browser page and the PDF."""
