using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace PrintFarm.Bench.Cluster;

/// <summary>
/// What the database can take of the one write every grain state change costs: the statement
/// the Orleans ADO.NET grain storage runs (OrleansQuery 'WriteToStorageKey', the WriteToStorage
/// function), with made-up grain ids and a small payload, as fast as a few callers can, on a
/// pool as large as the silo's. Order placement is judged against it: an order is a handful
/// of such writes, so the farm can place orders at no more than a fraction of this rate.
/// </summary>
public static class DatabaseCeiling
{
    public static async Task<DatabaseCeilingFigures> Measure(string siloConnectionString, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var pool = new NpgsqlConnectionStringBuilder(siloConnectionString);
        await using var dataSource = NpgsqlDataSource.Create(pool.ConnectionString);
        string query;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var command = new NpgsqlCommand("SELECT querytext FROM orleansquery WHERE querykey = 'WriteToStorageKey'", connection))
        {
            if (await command.ExecuteScalarAsync(cancellationToken) is not string text)
                return new DatabaseCeilingFigures(null, 0, concurrency, pool.MaxPoolSize, 0, "the WriteToStorageKey query is not in OrleansQuery");
            query = text;
        }
        var payload = new byte[200];
        new Random(7).NextBytes(payload);
        long upserts = 0, failures = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(caller => Task.Run(async () =>
        {
            // Each caller is one grain writing its state again and again, as a busy grain does:
            // the first write inserts its row, the others update it at the version they were given.
            int? version = null;
            var grain = 0x5EED0000L + caller;
            while (Stopwatch.GetTimestamp() < stopAt && !cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await using var command = dataSource.CreateCommand(query);
                    command.Parameters.AddWithValue("GrainIdHash", (int)grain);
                    command.Parameters.AddWithValue("GrainIdN0", grain);
                    command.Parameters.AddWithValue("GrainIdN1", 0L);
                    command.Parameters.AddWithValue("GrainTypeHash", 0x0BE4C4);
                    command.Parameters.AddWithValue("GrainTypeString", NpgsqlDbType.Varchar, "bench-database-ceiling");
                    command.Parameters.Add(new NpgsqlParameter("GrainIdExtensionString", NpgsqlDbType.Varchar) { Value = DBNull.Value });
                    command.Parameters.AddWithValue("ServiceId", NpgsqlDbType.Varchar, "bench-database-ceiling");
                    command.Parameters.Add(new NpgsqlParameter("GrainStateVersion", NpgsqlDbType.Integer) { Value = (object?)version ?? DBNull.Value });
                    command.Parameters.AddWithValue("PayloadBinary", payload);
                    version = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
                    Interlocked.Increment(ref upserts);
                }
                catch (NpgsqlException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, cancellationToken)));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new DatabaseCeilingFigures(upserts / seconds, upserts, concurrency, pool.MaxPoolSize, seconds,
            failures > 0 ? $"{failures} upserts failed" : null);
    }
}
