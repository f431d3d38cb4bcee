using System.Diagnostics;

namespace PrintFarm.Bench.Cluster;

/// <summary>
/// PostgreSQL's writes over one or more windows (summed with <see cref="Add"/>): rows, commits
/// and which tables took the rows, so a reader sees whether they went to grain state,
/// reminders or Quartz.
/// </summary>
public sealed record PostgresWriteWindow(long Rows, long Commits, double Seconds, List<TableWrites> Tables)
{
    public static readonly PostgresWriteWindow Empty = new(0, 0, 0, []);

    public static PostgresWriteWindow Between(PostgresWrites.Reading from, PostgresWrites.Reading to)
    {
        var tables = to.Tables.Values
            .Select(t => from.Tables.TryGetValue(t.Table, out var f)
                ? new TableWrites(t.Table, t.Inserted - f.Inserted, t.Updated - f.Updated, t.Deleted - f.Deleted)
                : t)
            .Where(t => t.Rows > 0)
            .OrderByDescending(t => t.Rows)
            .ToList();
        return new PostgresWriteWindow(to.Rows - from.Rows, to.Commits - from.Commits,
            (to.Timestamp - from.Timestamp) / (double)Stopwatch.Frequency, tables);
    }

    public PostgresWriteWindow Add(PostgresWriteWindow other) => new(Rows + other.Rows, Commits + other.Commits, Seconds + other.Seconds,
        Tables.Concat(other.Tables)
            .GroupBy(t => t.Table)
            .Select(g => new TableWrites(g.Key, g.Sum(t => t.Inserted), g.Sum(t => t.Updated), g.Sum(t => t.Deleted)))
            .OrderByDescending(t => t.Rows)
            .ToList());
}
