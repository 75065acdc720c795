"""The portal's date and time formats (settings.FORMAT_MODULE_PATH): one Dutch way of writing a
date on pages, in CSV files and in PDFs. Templates use `|date` (DATE_FORMAT, "17 juni 2020")
or `|date:"SHORT_DATE_FORMAT"` ("17-06-2020"); Python code `formats.date_format(value,
"SHORT_DATE_FORMAT")`. Django's own Dutch short format is "j-n-Y" (17-6-2020), which mixed
with "17-06-2020" elsewhere; this module overrides it."""
