"""The region's figures: counted in `compute`, drawn as SVG bar charts in `svg`, exported in `export`."""
