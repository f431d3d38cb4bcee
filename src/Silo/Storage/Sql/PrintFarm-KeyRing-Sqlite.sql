-- PrintFarm's own table (not vendored from Orleans): the ASP.NET Core Data Protection key ring
-- (Secrets/FarmKeyRing.cs). One row per key, as the key manager writes it; rows are only ever added.
CREATE TABLE IF NOT EXISTS printfarm_dataprotection_keys
(
    friendly_name TEXT NOT NULL PRIMARY KEY,
    xml TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
