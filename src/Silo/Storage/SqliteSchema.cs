using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace PrintFarm.Silo.Storage;

/// <summary>
/// Creates the Orleans ADO.NET tables in the SQLite file when they are missing, from the vendored
/// scripts (Storage/Sql), and turns on WAL so readers do not block the writer.
/// </summary>
public static class SqliteSchema
{
    public static void EnsureCreated(string path, ILogger logger)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");

        // The key ring's table comes with every start (idempotent): databases made before it existed get it too.
        Execute(connection, Script("PrintFarm-KeyRing-Sqlite.sql"));
        if (TableExists(connection, "OrleansStorage"))
        {
            logger.LogInformation("Grain storage ready in {Path}", path);
            return;
        }
        // Each script runs whole as one command: its queries hold ';' inside string literals.
        using var transaction = connection.BeginTransaction();
        if (!TableExists(connection, "OrleansQuery")) Execute(connection, Script("Sqlite-Main.sql"), transaction);
        Execute(connection, Script("Sqlite-Persistence.sql"), transaction);
        transaction.Commit();
        logger.LogInformation("Created grain storage tables in {Path}", path);
    }

    private static bool TableExists(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table);
        return Convert.ToInt64(command.ExecuteScalar()) > 0;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static string Script(string name)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
