-- PrintFarm's own tables (not vendored from Orleans): the design files of a cluster
-- (Designs/PostgresDesignFileStore.cs), addressed by SHA-256. A file is its chunks, in order, of
-- at most 1 MiB each, as bytea rows; its row in printfarm_design_files is written last, in the same
-- transaction, so a file is listed only once it is whole.
CREATE TABLE IF NOT EXISTS printfarm_design_files
(
    sha256 text NOT NULL,
    size bigint NOT NULL,
    chunks integer NOT NULL,
    stored_at timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT printfarm_design_files_pk PRIMARY KEY (sha256)
);

CREATE TABLE IF NOT EXISTS printfarm_design_file_chunks
(
    sha256 text NOT NULL,
    seq integer NOT NULL,
    data bytea NOT NULL,

    CONSTRAINT printfarm_design_file_chunks_pk PRIMARY KEY (sha256, seq)
);
