# The title of the frame that embed.js inserts in a university portal
# (read by screen readers). Served by the API in /embed.js.
embed-title-declare = Students’ mandatory health insurance: make your declaration
embed-title-status = Students’ mandatory health insurance: check your declaration
