using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace PrintFarm.Silo.Storage;

public static class FarmStorageExtensions
{
    /// <summary>The ADO.NET invariant name Orleans maps to Npgsql's provider factory.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>
    /// Registers the "farm" grain storage from the <c>Storage</c> section: Orleans ADO.NET on a
    /// SQLite file by default or on PostgreSQL, stored as plain JSON either way so the state can
    /// be read with any SQL tool.
    /// </summary>
    public static ISiloBuilder AddFarmStorage(this ISiloBuilder silo, IConfiguration configuration, ILogger logger)
    {
        var options = SettingsCheck.Read<StorageOptions>(configuration, StorageOptions.Section);
        switch (options.Provider)
        {
            case StorageProvider.Memory:
                silo.AddMemoryGrainStorage(FarmStorage.Name);
                break;
            case StorageProvider.Sqlite:
                SqliteSchema.EnsureCreated(options.SqlitePath, logger);
                var connectionString = $"Data Source={options.SqlitePath};Cache=Shared;Pooling=True";
                silo.AddAdoNetGrainStorage(FarmStorage.Name, ado =>
                {
                    ado.Invariant = "System.Data.SQLite";
                    ado.DataSource = new SqliteDataSource(connectionString, options.BusyTimeout);
                });
                silo.UseSystemTextJsonGrainStorageSerializer();
                break;
            case StorageProvider.PostgreSql:
                var postgres = RequireConnectionString(options.ConnectionString, "Storage:ConnectionString", "Storage:Provider=PostgreSql");
                silo.AddAdoNetGrainStorage(FarmStorage.Name, ado =>
                {
                    ado.Invariant = PostgresInvariant;
                    ado.ConnectionString = postgres;
                });
                // Stored in OrleansStorage.PayloadJson as plain JSON (no $type names).
                silo.UseSystemTextJsonGrainStorageSerializer();
                break;
        }
        FarmGrainStorage.Decorate(silo.Services);
        return silo;
    }

    public static string RequireConnectionString(string? value, string key, string neededBy)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidOperationException($"{neededBy} needs {key} (an Npgsql connection string, e.g. Host=127.0.0.1;Port=5432;Username=printfarm;Database=printfarm).");
        // Parsed at start, so a bad keyword or SSL Mode stops the silo with the setting's name; the
        // string itself is never quoted (it may hold a password).
        try { _ = new Npgsql.NpgsqlConnectionStringBuilder(value); }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            throw new InvalidOperationException($"{key} is not a valid Npgsql connection string ({ex.GetType().Name}); for TLS to PostgreSQL use SSL Mode=VerifyFull;Root Certificate=/path/ca.pem (deploy/README.md).");
        }
        return value;
    }
}
