"""The schedule: the validated model, its views (days, rooms in use, sessions in order),
labels, lookup, scope and comparison. Knows nothing of files or drawing."""
