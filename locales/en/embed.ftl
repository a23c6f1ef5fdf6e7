# The title of the frame that embed.js inserts in a university portal
# (read by screen readers). Served by the API in /embed.js.
embed-title-declare = Students’ health insurance: make your declaration
embed-title-status = Students’ health insurance: check your declaration
