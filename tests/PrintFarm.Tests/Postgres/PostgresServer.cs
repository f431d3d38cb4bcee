using Npgsql;

namespace PrintFarm.Tests.Postgres;

/// <summary>
/// One private PostgreSQL for the tests of a class; each test takes a fresh, empty database of
/// its own so tests never see each other's tables.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public PrivatePostgres Server { get; private set; } = null!;

    public static string TestDirectory =>
        PrintFarm.Harness.TestFolders.Root;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(TestDirectory);
        Server = await PrivatePostgres.StartAsync(TestDirectory);
    }

    /// <summary>A new empty database; returns its connection string.</summary>
    public async Task<string> NewDatabase()
    {
        var name = $"t{Guid.NewGuid():N}"[..20];
        await using (var connection = Sql.Open(Server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return Server.ConnectionStringFor(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }
}
