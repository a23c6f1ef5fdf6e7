# Messages in English. Every key exists in ar, fr and en (checked by tests/locales.rs).

## Frame of every page
service-name = Student health insurance (AMOE)
skip-to-content = Skip to main content
language-switcher-label = Language
language-ar = العربية
language-fr = Français
language-en = English
footer-about = The online public service for the mandatory health insurance of students at Morocco’s public universities.
footer-licence = Free and open-source software. No account needed.

## Home
home-title = Students’ mandatory health insurance
home-lead = Every year, when enrolling or re-enrolling, every public-university student declares whether they are already covered by another basic health insurance scheme.
home-who = Cover is free: there are no contributions to pay. Your national ID card (CIN) number is all you need to get care.
home-journeys-title = What you can do here
journey-declare-title = Make your declaration
journey-declare-text = For the current academic year, in about 3 minutes, with your CIN and your Massar code.
journey-status-title = Check your request
journey-status-text = No account needed: your CIN, your Massar code and your date of birth.
journey-offices-title = Find an ONOUSC office
journey-offices-text = The 34 reception points where you hand in your sickness claim files.
journey-universities-title = Universities and their platforms
journey-universities-text = The 12 public universities and the address of each one’s AMOE platform.
journey-coming-soon = Coming soon

## Universities
universities-title = Public universities
universities-lead = The 12 public universities and the address of their own declaration platform, as printed in the official leaflet.
universities-platform = Platform:

## Not found
not-found-title = Page not found
not-found-text = If you typed the address, check it is correct. If you followed a link, it may be out of date.
not-found-home = Go to the home page

## Loading and errors
loading = Loading…
error-title = There is a problem
error-network = The service is not answering. Check your internet connection, then try again.
error-unavailable = The service is unavailable for a moment. Try again in a few minutes.
error-not-found = What you are looking for does not exist, or no longer does.
error-server = The service ran into an error. Try again in a few minutes.
retry = Try again
