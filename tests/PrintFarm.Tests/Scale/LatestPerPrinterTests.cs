using PrintFarm.Printers;

namespace PrintFarm.Tests.Scale;

[Trait("Category", "Unit")]
public sealed class LatestPerPrinterTests
{
    private sealed record Report(string PrinterId, int Sequence);

    [Fact]
    public void Only_the_latest_report_of_each_printer_is_sent_on()
    {
        var batch = new LatestPerPrinter<Report>(r => r.PrinterId);
        batch.Add(new Report("a", 1));
        batch.Add(new Report("b", 1));
        batch.Add(new Report("a", 2));

        var drained = batch.Drain();

        Assert.Equal([new Report("a", 2), new Report("b", 1)], drained.OrderBy(r => r.PrinterId));
    }

    [Fact]
    public void Draining_empties_the_batch_so_nothing_is_sent_twice()
    {
        var batch = new LatestPerPrinter<Report>(r => r.PrinterId);
        batch.Add(new Report("a", 1));
        Assert.Single(batch.Drain());
        Assert.Equal(0, batch.Count);
        Assert.Empty(batch.Drain());
        batch.Add(new Report("a", 2));
        Assert.Equal(new Report("a", 2), Assert.Single(batch.Drain()));
    }
}
