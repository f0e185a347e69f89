"""Writing and reading PDFs: the canvas writer with atomic output, the streaming join,
--jobs, and the schedule embedded in every PDF (read side)."""
