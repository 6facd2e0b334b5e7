"""Analysis on top of the measures: reports, orderings, sensitivity, comparisons."""
