namespace PrintFarm.Metrics;

/// <summary>
/// Latencies counted into fixed buckets growing 5 % each, from 50 µs to well over a minute, so
/// two cumulative snapshots can be subtracted to get the percentiles of any window. Recording is
/// one interlocked increment: cheap enough for every telemetry message. Percentiles and the
/// maximum are read as a bucket's upper edge, so they are at most 5 % high.
/// </summary>
public sealed class LatencyHistogram
{
    public const double SmallestMilliseconds = 0.05;
    public const double Growth = 1.05;
    public const int BucketCount = 320;

    private static readonly double LogGrowth = Math.Log(Growth);
    private readonly long[] _counts = new long[BucketCount];

    public void Record(double milliseconds) => Interlocked.Increment(ref _counts[BucketOf(milliseconds)]);

    /// <summary>The counts so far, bucket by bucket (a copy).</summary>
    public long[] Snapshot()
    {
        var copy = new long[BucketCount];
        for (var i = 0; i < BucketCount; i++) copy[i] = Interlocked.Read(ref _counts[i]);
        return copy;
    }

    /// <summary>Bucket 0 holds everything up to <see cref="SmallestMilliseconds"/>; the last one everything above.</summary>
    public static int BucketOf(double milliseconds)
    {
        if (!(milliseconds > SmallestMilliseconds)) return 0; // also NaN and clocks a little apart
        var bucket = (int)Math.Ceiling(Math.Log(milliseconds / SmallestMilliseconds) / LogGrowth);
        return Math.Clamp(bucket, 0, BucketCount - 1);
    }

    /// <summary>The largest value bucket <paramref name="bucket"/> holds.</summary>
    public static double UpperEdge(int bucket) => SmallestMilliseconds * Math.Pow(Growth, bucket);

    /// <summary>What was recorded between two snapshots of the same histogram.</summary>
    public static long[] Between(long[] earlier, long[] later)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        if (earlier.Length != later.Length) throw new ArgumentException("Snapshots of different histograms.");
        var window = new long[later.Length];
        for (var i = 0; i < later.Length; i++) window[i] = Math.Max(0, later[i] - earlier[i]);
        return window;
    }

    /// <summary>Summarizes counts (a snapshot or a window) as count, p50, p99 and max in milliseconds.</summary>
    public static LatencySummary Summarize(long[] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var total = counts.Sum();
        if (total == 0) return new LatencySummary(0, null, null, null);
        return new LatencySummary(total, Percentile(counts, total, 0.50), Percentile(counts, total, 0.99),
            UpperEdge(Array.FindLastIndex(counts, c => c > 0)));
    }

    private static double Percentile(long[] counts, long total, double quantile)
    {
        // The smallest value with at least this share of the samples at or below it.
        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank) return UpperEdge(i);
        }
        return UpperEdge(counts.Length - 1);
    }
}
