"""The schedule written out: a YAML data folder, iCalendar, and the schedule embedded in
every PDF (write side)."""
