"""Quantifying the ESS of a territory: indicators computed in SQL from the SIRENE
establishments, regional indicator values imported from files, comparisons with other
territories, AFOM suggestions drawn from clear gaps, and the dashboard of a diagnostic."""
