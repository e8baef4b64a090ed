# Appended by scripts/build-docs.sh to the conf.py that `antsibull-docs sphinx-init` generates.

# Offline: the generated intersphinx inventories (../python3.inv, ...) do not exist, and the
# machines that build the site reach no documentation server; every reference is internal.
intersphinx_mapping = {}

# The user guide (docs/user-guide.md) and the changelog (CHANGELOG.md) are Markdown.
extensions.append('myst_parser')
source_suffix = {'.rst': 'restructuredtext', '.md': 'markdown'}
# Anchors for `#section` links inside the user guide.
myst_heading_anchors = 3

