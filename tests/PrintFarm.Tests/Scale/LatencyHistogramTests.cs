using PrintFarm.Metrics;

namespace PrintFarm.Tests.Scale;

[Trait("Category", "Unit")]
public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_are_read_within_five_percent_above_the_true_value()
    {
        var histogram = new LatencyHistogram();
        for (var i = 1; i <= 1000; i++) histogram.Record(i); // 1..1000 ms

        var summary = LatencyHistogram.Summarize(histogram.Snapshot());

        Assert.Equal(1000, summary.Count);
        Assert.InRange(summary.P50!.Value, 500, 500 * LatencyHistogram.Growth);
        Assert.InRange(summary.P99!.Value, 990, 990 * LatencyHistogram.Growth);
        Assert.InRange(summary.Max!.Value, 1000, 1000 * LatencyHistogram.Growth);
    }

    [Fact]
    public void A_window_between_two_snapshots_holds_only_what_was_recorded_in_it()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 100; i++) histogram.Record(5000); // a slow start, before the window
        var before = histogram.Snapshot();
        for (var i = 0; i < 100; i++) histogram.Record(2);
        var window = LatencyHistogram.Summarize(LatencyHistogram.Between(before, histogram.Snapshot()));

        Assert.Equal(100, window.Count);
        Assert.InRange(window.Max!.Value, 2, 2 * LatencyHistogram.Growth);
    }

    [Theory]
    [InlineData(-3)]       // clocks a little apart
    [InlineData(double.NaN)]
    [InlineData(0)]
    public void Values_at_or_below_the_smallest_bucket_land_in_the_first(double milliseconds) =>
        Assert.Equal(0, LatencyHistogram.BucketOf(milliseconds));

    [Fact]
    public void Values_beyond_the_last_bucket_are_kept_in_it_rather_than_lost()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1e12);
        Assert.Equal(1, histogram.Snapshot()[LatencyHistogram.BucketCount - 1]);
        Assert.True(LatencyHistogram.UpperEdge(LatencyHistogram.BucketCount - 1) > 60_000, "the buckets reach past a minute");
    }

    [Fact]
    public void Nothing_recorded_summarizes_as_no_samples()
    {
        var summary = LatencyHistogram.Summarize(new long[LatencyHistogram.BucketCount]);
        Assert.Equal(new LatencySummary(0, null, null, null), summary);
    }
}
