using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PrintFarm.Designs.Files;
using PrintFarm.Silo.Designs;
using PrintFarm.Silo.Storage;
using PrintFarm.Tests.Postgres;

namespace PrintFarm.Tests.Designs;

/// <summary>The cluster's design store, on a real PostgreSQL with the farm's schema.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresDesignFileStoreTests(PostgresServer postgres) : DesignFileStoreContract, IClassFixture<PostgresServer>, IAsyncDisposable
{
    private string? _database;
    private readonly List<PostgresDesignFileStore> _stores = [];

    protected override async Task<IDesignFileStore> Store(bool again = false)
    {
        if (_database is null)
        {
            _database = await postgres.NewDatabase();
            await new PostgresSchema(_database, NullLogger.Instance).ApplyAsync(TestContext.Current.CancellationToken);
        }
        var store = new PostgresDesignFileStore(NpgsqlDataSource.Create(_database));
        _stores.Add(store);
        return store;
    }

    protected override async Task<long> FilesKept() =>
        _database is null ? 0 : await Sql.Scalar<long>(_database, $"SELECT count(*) FROM {PostgresDesignFileStore.Files}");

    [Fact]
    public async Task A_file_is_rows_of_at_most_a_mebibyte_and_no_row_is_left_by_a_delete()
    {
        var store = await Store();
        var stored = await store.Put(new MemoryStream(Random(2 * PostgresDesignFileStore.ChunkBytes + 1, seed: 5)), TestContext.Current.CancellationToken);
        Assert.Equal(3L, await Sql.Scalar<long>(_database!, $"SELECT count(*) FROM {PostgresDesignFileStore.Chunks} WHERE sha256 = '{stored.Sha256}'"));
        Assert.Equal(PostgresDesignFileStore.ChunkBytes, await Sql.Scalar<int>(_database!, $"SELECT max(length(data)) FROM {PostgresDesignFileStore.Chunks}"));

        await store.Delete(stored.Sha256, TestContext.Current.CancellationToken);
        Assert.Equal(0L, await Sql.Scalar<long>(_database!, $"SELECT count(*) FROM {PostgresDesignFileStore.Chunks}"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
    }
}
