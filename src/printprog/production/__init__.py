"""Print production on a finished PDF: bleed, crop marks, boxes, CMYK and imposition,
in memory or streamed."""
