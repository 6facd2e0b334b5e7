"""The public measures of METHODS.md §2-§3, as thin wrappers over the kernels."""
