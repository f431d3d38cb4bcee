using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PrintFarm.Designs;
using PrintFarm.Designs.Files;
using PrintFarm.Silo.Storage;

namespace PrintFarm.Silo.Designs;

/// <summary>
/// The design store follows the grain storage: PostgreSQL's tables for a cluster (every silo reads
/// them), a folder beside the SQLite file for a single machine, memory for memory storage.
/// </summary>
public static class DesignFilesSetup
{
    public static IHostApplicationBuilder AddDesignFiles(this IHostApplicationBuilder builder)
    {
        var storage = SettingsCheck.Read<StorageOptions>(builder.Configuration, StorageOptions.Section);
        var files = SettingsCheck.Read<DesignFileOptions>(builder.Configuration, DesignFileOptions.Section);
        // Uploads wait on the silo's own disk until taken in: beside the SQLite file, or under .farm.
        builder.Services.PostConfigure<DesignUploadOptions>(o => o.Folder ??= storage.Provider == StorageProvider.Sqlite
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storage.SqlitePath))!, "uploads")
            : Path.GetFullPath(Path.Combine(".farm", "uploads")));
        switch (storage.Provider)
        {
            case StorageProvider.PostgreSql:
                var connectionString = FarmStorageExtensions.RequireConnectionString(storage.ConnectionString, "Storage:ConnectionString", "Storage:Provider=PostgreSql");
                builder.Services.AddSingleton<IDesignFileStore>(_ => new PostgresDesignFileStore(NpgsqlDataSource.Create(connectionString)));
                break;
            case StorageProvider.Sqlite:
                var folder = files.Folder ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storage.SqlitePath))!, "designs");
                builder.Services.AddSingleton<IDesignFileStore>(new FolderDesignFileStore(folder));
                break;
            default:
                builder.Services.AddSingleton<IDesignFileStore, MemoryDesignFileStore>();
                break;
        }
        return builder;
    }
}
