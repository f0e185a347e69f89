"""What a print shop and an organiser check: preflight, preview and the schedule checks."""
