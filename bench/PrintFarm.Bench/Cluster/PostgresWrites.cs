using System.Diagnostics;
using Npgsql;

namespace PrintFarm.Bench.Cluster;

/// <summary>PostgreSQL's own write counters, read before and after a window.</summary>
public sealed class PostgresWrites(string connectionString)
{
    public sealed record Reading(long Rows, long Commits, long Timestamp);

    public async Task<Reading> Read(CancellationToken cancellationToken)
    {
        // The machine is loaded on purpose: give the statistics query patience.
        await using var connection = new NpgsqlConnection(connectionString + ";Timeout=60;Command Timeout=60");
        await connection.OpenAsync(cancellationToken);
        // Statistics reach the shared view up to a second late; ask for a fresh snapshot.
        await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", connection)) await clear.ExecuteNonQueryAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables)::bigint, " +
            "(SELECT xact_commit FROM pg_stat_database WHERE datname = current_database())::bigint", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Reading(reader.GetInt64(0), reader.GetInt64(1), Stopwatch.GetTimestamp());
    }

    public static StorageFigures Between(Reading from, Reading to)
    {
        var seconds = (to.Timestamp - from.Timestamp) / (double)Stopwatch.Frequency;
        return new StorageFigures((to.Rows - from.Rows) / seconds, (to.Commits - from.Commits) / seconds,
            "PostgreSQL pg_stat_user_tables rows inserted+updated+deleted, pg_stat_database commits, over the steady window");
    }
}
