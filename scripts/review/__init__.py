"""The report on a change (a pull request, or a contributor's work in progress): what it does to the
pages and data it touches, before and after, and the online check of the URLs it adds.
`python -m scripts report --base REF` prints it; the pull-request workflow posts it."""
