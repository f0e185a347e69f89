"""Drawing helpers every product shares: fonts and fallback, QR codes, images, URL
templates, and the one home of reportlab's private names."""
