-- entente store schema. New tables and columns are added to older stores on open (store/db.py init);
-- bump SCHEMA_VERSION there only for a change an older store cannot take that way.
CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);

CREATE TABLE IF NOT EXISTS ingest_runs (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    n_files INTEGER,
    n_added INTEGER,
    n_unchanged INTEGER,
    n_failed INTEGER,
    coder VARCHAR
);

CREATE TABLE IF NOT EXISTS ingest_errors (
    run_id VARCHAR,
    path VARCHAR,
    reason VARCHAR,
    failed_at TIMESTAMP
);

-- One row per version of a source. A changed file becomes a new version;
-- only the newest version of a path is current.
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,          -- sha256(path + content hash), short
    name VARCHAR NOT NULL,               -- file name: the key gold files use
    path VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    is_current BOOLEAN NOT NULL,
    content_hash VARCHAR NOT NULL,
    format VARCHAR,
    title VARCHAR,
    url VARCHAR,
    author VARCHAR,
    site VARCHAR,
    genre VARCHAR,
    published VARCHAR,                   -- ISO at its precision, or NULL
    published_precision VARCHAR,
    doc_date VARCHAR,                    -- best estimate of when written
    doc_date_precision VARCHAR,
    text VARCHAR NOT NULL,
    n_chars INTEGER,
    run_id VARCHAR,
    ingested_at TIMESTAMP
);

CREATE TABLE IF NOT EXISTS passages (
    passage_id VARCHAR PRIMARY KEY,      -- doc_id:seq
    doc_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    kind VARCHAR,                        -- paragraph | turn | title
    speaker VARCHAR,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS actors (
    code VARCHAR PRIMARY KEY,
    name VARCHAR,
    kind VARCHAR,                        -- state | igo | group
    dictionary_version VARCHAR
);

-- Events coded from our texts (origin 'entente') and imported ones
-- (origin 'gdelt', 'icews'); imported rows have no doc_id.
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    origin VARCHAR NOT NULL,
    doc_id VARCHAR,
    passage_id VARCHAR,
    sent_start INTEGER,
    sent_end INTEGER,
    trigger_start INTEGER,
    trigger_end INTEGER,
    source VARCHAR NOT NULL,
    target VARCHAR NOT NULL,
    source_text VARCHAR,
    target_text VARCHAR,
    cameo VARCHAR NOT NULL,
    root VARCHAR NOT NULL,
    quad_class INTEGER NOT NULL,
    plover VARCHAR,
    goldstein DOUBLE,
    date VARCHAR,                        -- ISO at its precision; NULL when unknown
    date_precision VARCHAR NOT NULL,     -- ... | publication | estimate | unknown
    date_start DATE,                     -- first day the date covers, for range filters
    dimension VARCHAR,
    rule VARCHAR,
    coder VARCHAR,
    confidence DOUBLE,
    external_id VARCHAR,                 -- GLOBALEVENTID / ICEWS Event ID
    source_url VARCHAR,
    -- imported rows: the file's own actor types and scores, kept beside entente's
    source_type VARCHAR,                 -- STATE | GOV | MIL | COP | JUD | LEG | SPY | IGO | MED | BUS | REB | CVL ...
    target_type VARCHAR,
    state_actors BOOLEAN,                -- both sides states (or their organs) or IGOs; NULL = coded by entente
    file_quad_class INTEGER,             -- GDELT QuadClass as published
    file_goldstein DOUBLE,               -- GDELT GoldsteinScale / ICEWS Intensity as published
    num_sources INTEGER,                 -- GDELT NumSources
    num_articles INTEGER,                -- GDELT NumArticles
    story_id VARCHAR,                    -- ICEWS Story ID
    publisher VARCHAR                    -- ICEWS Publisher
);

CREATE TABLE IF NOT EXISTS quotes (
    quote_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    passage_id VARCHAR,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    sent_start INTEGER,
    sent_end INTEGER,
    speaker VARCHAR NOT NULL,
    speaker_actor VARCHAR,
    text VARCHAR,
    rule VARCHAR,
    coder VARCHAR,
    confidence DOUBLE
);

-- Events an analyst marked as wrong. Kept apart from events so a flag survives
-- `optimize` and is undone by deleting its row; indices and lists leave these out.
CREATE TABLE IF NOT EXISTS event_flags (
    event_id VARCHAR PRIMARY KEY,
    flagged_at TIMESTAMP NOT NULL,
    reason VARCHAR,
    flagged_by VARCHAR                   -- where the flag came from: 'cli:<user>' or 'api:<client address>'
);
