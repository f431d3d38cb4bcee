using Npgsql;
using NpgsqlTypes;
using PrintFarm.Designs.Files;

namespace PrintFarm.Silo.Designs;

/// <summary>
/// The design store of a cluster, in the PostgreSQL database it already runs, so every silo reads
/// what any silo stored, and a silo's death loses nothing. A file is <c>bytea</c> rows of at most
/// <see cref="ChunkBytes"/> (table <c>printfarm_design_file_chunks</c>) under one row in
/// <c>printfarm_design_files</c>, written in one transaction: half a file is never visible.
/// Reads fetch one chunk at a time, so neither side holds a file whole. Not large objects: those
/// outlive the rows that name them unless unlinked, need a transaction open for every read, and
/// are left out of a dump of the farm's tables; rows back up, replicate and delete like the rest.
/// </summary>
public sealed class PostgresDesignFileStore(NpgsqlDataSource database) : IDesignFileStore, IAsyncDisposable
{
    public const int ChunkBytes = 1024 * 1024;
    public const string Files = "printfarm_design_files";
    public const string Chunks = "printfarm_design_file_chunks";

    public ValueTask DisposeAsync() => database.DisposeAsync();

    public async Task<StoredFile> Put(Stream file, CancellationToken cancellationToken = default)
    {
        var sha256 = await ContentAddress.Of(file, cancellationToken);
        if (await Size(sha256, cancellationToken) is { } size) return new StoredFile(sha256, size, Added: false);

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var buffer = new byte[ChunkBytes];
        long total = 0;
        var seq = 0;
        int read;
        while ((read = await file.ReadAtLeastAsync(buffer, ChunkBytes, throwOnEndOfStream: false, cancellationToken)) > 0)
        {
            await using var chunk = new NpgsqlCommand($"INSERT INTO {Chunks} (sha256, seq, data) VALUES (@sha, @seq, @data) ON CONFLICT DO NOTHING", connection, transaction);
            chunk.Parameters.AddWithValue("sha", sha256);
            chunk.Parameters.AddWithValue("seq", seq++);
            chunk.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Bytea) { Value = new ArraySegment<byte>(buffer, 0, read) });
            await chunk.ExecuteNonQueryAsync(cancellationToken);
            total += read;
        }
        // Another silo putting the same bytes at once waits on the rows above, then adds nothing.
        await using var row = new NpgsqlCommand($"INSERT INTO {Files} (sha256, size, chunks) VALUES (@sha, @size, @chunks) ON CONFLICT DO NOTHING", connection, transaction);
        row.Parameters.AddWithValue("sha", sha256);
        row.Parameters.AddWithValue("size", total);
        row.Parameters.AddWithValue("chunks", seq);
        var added = await row.ExecuteNonQueryAsync(cancellationToken) == 1;
        await transaction.CommitAsync(cancellationToken);
        return new StoredFile(sha256, total, added);
    }

    public async Task<Stream?> Open(string sha256, long offset = 0, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand($"SELECT chunks, size FROM {Files} WHERE sha256 = @sha");
        command.Parameters.AddWithValue("sha", ContentAddress.Require(sha256));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new PostgresChunkStream(database, sha256, reader.GetInt32(0), reader.GetInt64(1), Math.Clamp(offset, 0, reader.GetInt64(1)));
    }

    public async Task<long?> Size(string sha256, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand($"SELECT size FROM {Files} WHERE sha256 = @sha");
        command.Parameters.AddWithValue("sha", ContentAddress.Require(sha256));
        return await command.ExecuteScalarAsync(cancellationToken) is long size ? size : null;
    }

    public async Task<bool> Delete(string sha256, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var row = new NpgsqlCommand($"DELETE FROM {Files} WHERE sha256 = @sha", connection, transaction);
        row.Parameters.AddWithValue("sha", ContentAddress.Require(sha256));
        var deleted = await row.ExecuteNonQueryAsync(cancellationToken) == 1;
        await using var chunks = new NpgsqlCommand($"DELETE FROM {Chunks} WHERE sha256 = @sha", connection, transaction);
        chunks.Parameters.AddWithValue("sha", sha256);
        await chunks.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
