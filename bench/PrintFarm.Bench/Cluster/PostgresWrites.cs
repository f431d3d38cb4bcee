using System.Diagnostics;
using Npgsql;

namespace PrintFarm.Bench.Cluster;

/// <summary>PostgreSQL's own write counters, read before and after a window, in all and per table.</summary>
public sealed class PostgresWrites(string connectionString)
{
    public sealed record Reading(long Rows, long Commits, long Timestamp, IReadOnlyDictionary<string, TableWrites> Tables);

    public async Task<Reading> Read(CancellationToken cancellationToken)
    {
        // The machine is loaded on purpose: give the statistics query patience.
        await using var connection = new NpgsqlConnection(connectionString + ";Timeout=60;Command Timeout=60");
        await connection.OpenAsync(cancellationToken);
        // Statistics reach the shared view up to a second late; ask for a fresh snapshot.
        await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", connection)) await clear.ExecuteNonQueryAsync(cancellationToken);
        long commits;
        await using (var command = new NpgsqlCommand("SELECT xact_commit::bigint FROM pg_stat_database WHERE datname = current_database()", connection))
            commits = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        var tables = new Dictionary<string, TableWrites>();
        await using (var command = new NpgsqlCommand(
            "SELECT schemaname || '.' || relname, n_tup_ins::bigint, n_tup_upd::bigint, n_tup_del::bigint FROM pg_stat_user_tables", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                tables[reader.GetString(0)] = new TableWrites(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }
        return new Reading(tables.Values.Sum(t => t.Rows), commits, Stopwatch.GetTimestamp(), tables);
    }

    public static StorageFigures Between(Reading from, Reading to)
    {
        var window = PostgresWriteWindow.Between(from, to);
        return new StorageFigures(window.Rows / window.Seconds, window.Commits / window.Seconds,
            "PostgreSQL pg_stat_user_tables rows inserted+updated+deleted, pg_stat_database commits, over the steady window")
        {
            Tables = window.Tables,
        };
    }
}
