"""The SQL statements of the SIRENE import on PostgreSQL (postgres.py), as psycopg2.sql
templates: the check pass of the establishments, their errors, the legal units rows kept, the
legal units of the file, the classification."""

from psycopg2 import sql

# The establishments kept (located, or with a bad SIRET), their values cleaned, their first
# problem (0: none).
CHECK_SELECT = sql.SQL(
    """
    SELECT line, siret, commune, epci, departement, region, siren, state, naf, nomenclature,
        CASE
            WHEN NOT siret_ok THEN 1
            WHEN siren <> '' AND siren <> left(siret, 9) THEN 2
            WHEN state NOT IN ('A', 'F') THEN 3
            WHEN char_length(naf) > 6 THEN 4
            WHEN char_length(nomenclature) > 8 THEN 5
            ELSE 0
        END AS problem,
        left(CASE WHEN usual <> '' THEN usual ELSE sign END, {max_name}) AS name,
        diffusion = 'P' AS non_diffusible,
        CASE WHEN band IN ({bands}) THEN band ELSE '' END AS size_band,
        employer = 'O' AS employer,
        state = 'A' AS active,
        left(concat_ws(', ',
            nullif(concat_ws(' ', nullif(number, ''), nullif(repetition, ''),
                nullif(street_type, ''), nullif(street, '')), ''),
            nullif(concat_ws(' ', nullif(postcode, ''), nullif(city, '')), '')
        ), {max_name}) AS address
    FROM (
        SELECT s.line, {siret} AS siret, {siret_ok} AS siret_ok,
            p.commune, p.epci, p.departement, p.region,
            {siren} AS siren, {state} AS state, {naf} AS naf, {nomenclature} AS nomenclature,
            {band} AS band, {employer} AS employer, {diffusion} AS diffusion,
            {usual} AS usual, {sign} AS sign, {number} AS number, {repetition} AS repetition,
            {street_type} AS street_type, {street} AS street, {postcode} AS postcode,
            {city} AS city
        FROM {staged} AS s LEFT JOIN {places} AS p ON p.code = {commune}
        WHERE p.code IS NOT NULL OR NOT {siret_ok}
    ) AS kept
    """
)

CHECK = sql.SQL("CREATE TEMP TABLE {checked} AS {select}")

ERRORS = sql.SQL(
    """
    SELECT line, problem, CASE problem WHEN 1 THEN siret WHEN 2 THEN {siren} WHEN 3 THEN state
        WHEN 4 THEN {naf} ELSE {nomenclature} END
    FROM {checked} WHERE problem > 0
    UNION ALL
    SELECT line, 6, siret FROM (
        SELECT line, siret, row_number() OVER (PARTITION BY siret ORDER BY line) AS n
        FROM {checked} WHERE problem = 0
    ) AS numbered WHERE n > 1
    ORDER BY line LIMIT %s
    """
)

UNIT_ROWS_SQL = sql.SQL(
    """
    CREATE TEMP TABLE {unit_rows} AS
    SELECT line, raw, siren, category, flag, name,
        CASE WHEN NOT {siren_ok} THEN 1 WHEN char_length(category) > 4 THEN 2 ELSE 0
        END AS problem
    FROM (
        SELECT s.line, {raw} AS raw, {siren} AS siren, {category} AS category, {flag} AS flag,
            {name} AS name
        FROM {units} AS s
        LEFT JOIN (SELECT DISTINCT left(siret, 9) AS siren FROM {checked}) AS needed
            ON needed.siren = {raw}
        WHERE needed.siren IS NOT NULL OR NOT {raw_ok}
    ) AS kept
    """
)

FILE_UNITS_EMPTY = sql.SQL(
    "CREATE TEMP TABLE {} (siren text, name text, legal_category text, ess_flag text)"
)

FILE_UNITS_SQL = sql.SQL(
    """
    CREATE TEMP TABLE {file_units} AS
    SELECT DISTINCT ON (siren) siren, left(name, {max_name}) AS name, category AS legal_category,
        CASE WHEN flag IN ('O', 'N') THEN flag ELSE '' END AS ess_flag
    FROM {unit_rows} ORDER BY siren, line DESC
    """
)

# The last row of each SIREN of the legal units file as COPY staged it (`{units}`, its values
# cleaned by the expressions `{siren}`...), when no row has a problem (every SIREN nine ASCII
# digits): the legal units of the file as FILE_UNITS_SQL keeps them, of every SIREN.
UNIQUE_UNITS = sql.SQL(
    """
    CREATE UNLOGGED TABLE {unique} AS
    SELECT DISTINCT ON ({siren} COLLATE "C") {siren} AS siren, left({name}, {max_name}) AS name,
        {category} AS legal_category,
        CASE {flag} WHEN 'O' THEN 'O' WHEN 'N' THEN 'N' ELSE '' END AS ess_flag
    FROM {units} AS s ORDER BY {siren} COLLATE "C", s.line DESC
    """
)

# The legal units of the file the establishments need, from those of FINAL_SQL.
UNITS_OF_FINAL = sql.SQL(
    """
    CREATE TEMP TABLE {file_units} AS
    SELECT DISTINCT ON (siren COLLATE "C") siren, unit_name AS name, legal_category, ess_flag
    FROM {final} WHERE from_file ORDER BY siren COLLATE "C"
    """
)

# The classification of the checked establishments; `{checked}`, the body of their CTE: either
# NOT MATERIALIZED (SELECT * FROM the table of CHECK), or MATERIALIZED (CHECK_SELECT) to check
# and classify in one pass, when the legal units are at hand before the check. The line, the
# problem and the checked values stay beside, for ERRORS.
FINAL_SQL = sql.SQL(
    """
    CREATE TEMP TABLE {final} AS
    WITH checked AS {checked}, naf AS (
        SELECT codes.naf, (
            SELECT r.family FROM {rules} AS r
            WHERE r.kind = {naf_kind} AND starts_with(codes.naf, r.value)
            ORDER BY char_length(r.value) DESC, r.value LIMIT 1
        ) AS family
        FROM (SELECT DISTINCT naf FROM checked) AS codes
    ), located AS (
        SELECT c.*, f.siren IS NOT NULL AS from_file,
            f.siren IS NOT NULL OR l.siren IS NOT NULL AS known,
            coalesce(f.name, l.name, '') AS unit_name,
            coalesce(f.legal_category, l.legal_category, '') AS legal_category,
            coalesce(f.ess_flag, l.ess_flag, '') AS ess_flag
        FROM checked AS c
        LEFT JOIN {file_units} AS f ON f.siren = left(c.siret, 9)
        -- The stored legal units are looked up by key for the rows the file leaves without
        -- (OFFSET 0: not turned into a join, which would read the whole table).
        LEFT JOIN LATERAL (
            SELECT s.siren, s.name, s.legal_category, s.ess_flag FROM {stored} AS s
            WHERE f.siren IS NULL AND s.siren = left(c.siret, 9) OFFSET 0
        ) AS l ON true
    )
    SELECT c.line, c.problem, c.siren AS file_siren, c.state, c.siret, left(c.siret, 9) AS siren,
        CASE WHEN c.name <> '' THEN c.name ELSE c.unit_name END AS name,
        c.non_diffusible, c.commune AS commune_code, c.epci AS epci_code,
        c.departement AS departement_code, c.region AS region_code, c.naf AS naf_code,
        c.nomenclature AS naf_nomenclature, c.size_band, c.employer, c.active,
        c.legal_category, c.ess_flag,
        CASE WHEN NOT c.known THEN {unclassified}
            ELSE coalesce(naf.family, category.family, flag.family, {non_ess})
        END AS family,
        c.address, c.from_file, c.unit_name
    FROM located AS c
    LEFT JOIN naf ON naf.naf = c.naf
    LEFT JOIN {rules} AS category
        ON category.kind = {category_kind} AND category.value = c.legal_category
    LEFT JOIN {rules} AS flag ON flag.kind = {flag_kind} AND flag.value = c.ess_flag
    """
)
