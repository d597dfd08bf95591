"""The isl bridge: polyhedral model of affine code and exact dependence analysis."""
