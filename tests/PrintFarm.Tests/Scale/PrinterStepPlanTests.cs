using PrintFarm.Bench;
using PrintFarm.Bench.Cluster;

namespace PrintFarm.Tests.Scale;

/// <summary>The bench's memory steps: how many printers come online at each, under which ids.</summary>
[Trait("Category", "Unit")]
public sealed class PrinterStepPlanTests
{
    [Fact]
    public void Ten_thousand_printers_come_online_at_one_three_and_ten_thousand()
    {
        var steps = PrinterStepPlan.For(10_000, PrinterStepPlan.DefaultPercents);

        Assert.Equal([1000, 3000, 10_000], steps.Select(s => s.OnlinePrinters));
        Assert.Equal([1000, 2000, 7000], steps.Select(s => s.AddedPrinters));
        Assert.Equal(["sim-", "sim2-", "sim3-"], steps.Select(s => s.IdPrefix));
    }

    [Fact]
    public void The_first_step_keeps_the_ids_the_flood_and_the_console_probe_use()
    {
        var first = PrinterStepPlan.For(10_000, PrinterStepPlan.DefaultPercents)[0];

        Assert.Equal("sim-001", first.PrinterIds.First());
        Assert.Equal("sim-1000", first.PrinterIds.Last());
    }

    [Fact]
    public void Every_printer_has_one_valid_id_across_the_steps()
    {
        var steps = PrinterStepPlan.For(10_000, PrinterStepPlan.DefaultPercents);
        var ids = PrinterStepPlan.AllPrinterIds(steps);

        Assert.Equal(10_000, ids.Count);
        Assert.Equal(10_000, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(PrintFarm.Protocol.PrinterId.IsValid(id), id));
        Assert.True(PrinterStepPlan.IdsAreValid(steps));
    }

    [Fact]
    public void A_step_below_one_printer_is_skipped()
    {
        // 10 % of 4 rounds to 0 and 30 % to 1.
        Assert.Equal([1, 4], PrinterStepPlan.For(4, PrinterStepPlan.DefaultPercents).Select(s => s.OnlinePrinters));
        Assert.Equal([1], PrinterStepPlan.For(1, PrinterStepPlan.DefaultPercents).Select(s => s.OnlinePrinters));
    }

    [Fact]
    public void The_last_step_is_always_every_printer_and_steps_come_in_order()
    {
        var steps = PrinterStepPlan.For(300, [50, 20]);

        Assert.Equal([60, 150, 300], steps.Select(s => s.OnlinePrinters));
        Assert.Equal([1, 2, 3], steps.Select(s => s.Number));
        Assert.Equal([300], PrinterStepPlan.For(300, [100]).Select(s => s.OnlinePrinters));
    }

    [Fact]
    public void Steps_are_read_from_the_command_line_as_percentages()
    {
        Assert.Equal([10, 30, 100], BenchCommandLine.ParsePercents("10,30,100"));
        Assert.Equal([5, 50], BenchCommandLine.ParsePercents(" 5 %, 50"));
        Assert.Equal([0], BenchCommandLine.ParsePercents("ten"));
        Assert.NotEmpty(new ClusterBenchSettings { StepPercents = [0] }.Validate());
        Assert.Empty(new ClusterBenchSettings { StepPercents = [10, 30, 100] }.Validate());
    }
}
