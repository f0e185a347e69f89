"""Products: booklet, signage, badges. Each computes where things go, then draws via pdf.py."""
