"""The lowest layer: errors, the console, stop signals, bounded input reading, bundled
resources, strict YAML, units, text cleaning, time zones and the run's report. Imports nothing
else of printprog."""
