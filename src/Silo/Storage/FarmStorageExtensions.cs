using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace PrintFarm.Silo.Storage;

public static class FarmStorageExtensions
{
    /// <summary>
    /// Registers the "farm" grain storage from the <c>Storage</c> section: Orleans ADO.NET on a
    /// SQLite file by default, stored as plain JSON so the state can be read with any SQLite tool.
    /// </summary>
    public static ISiloBuilder AddFarmStorage(this ISiloBuilder silo, IConfiguration configuration, ILogger logger)
    {
        var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
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
        }
        return silo;
    }
}
