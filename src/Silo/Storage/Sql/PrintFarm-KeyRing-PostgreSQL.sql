-- PrintFarm's own table (not vendored from Orleans): the ASP.NET Core Data Protection key ring
-- that every silo of the cluster shares (Secrets/FarmKeyRing.cs). One row per key, as the key
-- manager writes it; rows are only ever added.
CREATE TABLE IF NOT EXISTS printfarm_dataprotection_keys
(
    friendly_name text NOT NULL,
    xml text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT printfarm_dataprotection_keys_pk PRIMARY KEY (friendly_name)
);
