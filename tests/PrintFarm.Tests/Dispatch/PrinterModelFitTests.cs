using PrintFarm.Dispatch;

namespace PrintFarm.Tests.Dispatch;

/// <summary>A file sliced for one printer model goes only to printers of that model.</summary>
[Trait("Category", "Unit")]
public sealed class PrinterModelFitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private static JobTicket Ticket(string id, string? slicedFor, int minutesAfter = 0) => new()
    {
        JobId = id, OrderReference = "PF-" + id, Technology = "FDM", Material = "PLA", EstimatedPrintSeconds = 60,
        Priority = 1, PlacedAt = T0.AddMinutes(minutesAfter), Attempt = 1, PrinterModel = slicedFor,
    };

    [Theory]
    [InlineData("Bambu Lab P1S", "P1S", true)]
    [InlineData("P1S", "Bambu Lab P1S", true)]
    [InlineData("Original Prusa MK4S", "mk4s", true)]
    [InlineData("MK4S", "MK4", false)]
    [InlineData("MK4", "MK4S", false)]
    [InlineData("Bambu Lab X1 Carbon", "P1S", false)]
    [InlineData(null, "P1S", true)]
    [InlineData(null, null, true)]
    [InlineData("P1S", null, false)]
    public void Names_are_compared_by_their_letters_and_a_vendor_prefix_does_not_matter(string? slicedFor, string? printer, bool fits) =>
        Assert.Equal(fits, PrinterModels.Fit(slicedFor, printer));

    [Fact]
    public void A_printer_skips_jobs_sliced_for_another_model_and_takes_the_next_that_fits()
    {
        var queue = new DispatchQueue();
        queue.Enqueue(Ticket("for-p1s", "Bambu Lab P1S", minutesAfter: 0));
        queue.Enqueue(Ticket("for-mk4s", "MK4S", minutesAfter: 1));
        queue.Enqueue(Ticket("for-any", null, minutesAfter: 2));

        queue.PrinterAvailable(new PrinterSlot("prusa", "FDM", ["PLA"], "MK4S"));
        Assert.Equal(("for-mk4s", "prusa"), Assert.Single(queue.Plan()) is var a ? (a.Job.JobId, a.PrinterId) : default);

        queue.PrinterAvailable(new PrinterSlot("unknown", "FDM", ["PLA"]));
        Assert.Equal(("for-any", "unknown"), Assert.Single(queue.Plan()) is var b ? (b.Job.JobId, b.PrinterId) : default);

        // Nothing left for a printer that says no model: the P1S job waits for a P1S.
        queue.PrinterAvailable(new PrinterSlot("other", "FDM", ["PLA"], "Ender-3"));
        Assert.Empty(queue.Plan());
        queue.PrinterAvailable(new PrinterSlot("bambu", "FDM", ["PLA"], "P1S"));
        Assert.Equal(("for-p1s", "bambu"), Assert.Single(queue.Plan()) is var c ? (c.Job.JobId, c.PrinterId) : default);
        Assert.Equal(0, queue.Depth);
    }
}
