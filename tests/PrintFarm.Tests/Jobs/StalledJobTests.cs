using PrintFarm.Estimates;
using PrintFarm.Jobs;

namespace PrintFarm.Tests.Jobs;

/// <summary>A printer that goes silent mid-print stalls its job; its return decides what happened.</summary>
[Trait("Category", "Unit")]
public sealed class StalledJobTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static PrintJob Assigned()
    {
        var job = new PrintJob(new PrintJobState(), 3);
        job.Create(new PrintJobSpec
        {
            JobId = "PF-ABCDEFGHJK-1-1", OrderReference = "PF-ABCDEFGHJK", ItemIndex = 0, Copy = 1,
            Design = "bracket-v4", Material = "PLA", Technology = "FDM", EstimatedPrintSeconds = 600,
            Priority = 1, PlacedAt = T0,
        }, T0);
        job.Assign("p1", T0);
        return job;
    }

    private static PrintJob Printing()
    {
        var job = Assigned();
        job.Started("p1", "X1C", T0.AddSeconds(1));
        job.ReportProgress("p1", 40, 300);
        return job;
    }

    [Fact]
    public void Offline_mid_print_stalls_the_job_with_a_plain_problem()
    {
        var job = Printing();
        Assert.False(job.Stall("other-printer", T0.AddMinutes(1)));
        Assert.True(job.Stall("p1", T0.AddMinutes(1)));
        Assert.Equal(JobStatus.Stalled, job.State.Status);
        Assert.Equal("the printer stopped reporting; waiting for it to come back", job.State.Problem);
        Assert.False(job.Stall("p1", T0.AddMinutes(2)));
        Assert.True(job.IsOpen);
    }

    [Fact]
    public void Back_and_still_printing_it_is_printing_again()
    {
        var job = Printing();
        job.Stall("p1", T0.AddMinutes(1));
        Assert.False(job.ReportProgress("p1", 50, 250)); // progress alone does not move a stalled job...
        Assert.True(job.Unstall("p1", T0.AddMinutes(3))); // ...its grain un-stalls it first
        Assert.Equal(JobStatus.Printing, job.State.Status);
        Assert.Null(job.State.Problem);
        Assert.True(job.ReportProgress("p1", 50, 250));
    }

    [Fact]
    public void Finished_while_away_it_is_printed()
    {
        var job = Printing();
        job.Stall("p1", T0.AddMinutes(1));
        Assert.True(job.Printed("p1", T0.AddMinutes(12)));
        Assert.Equal(JobStatus.PostProcessing, job.State.Status);
    }

    [Fact]
    public void Back_idle_without_it_it_is_lost_and_requeued_as_the_next_attempt()
    {
        var job = Printing();
        job.Stall("p1", T0.AddMinutes(1));
        Assert.True(job.Lost("p1", T0.AddMinutes(5)));
        Assert.Equal(JobStatus.Queued, job.State.Status);
        Assert.Equal(2, job.State.Attempt);
        Assert.Contains("lost the job", job.State.Problem);
        Assert.True(job.IsWaitingInQueue);
    }

    [Fact]
    public void A_job_the_printer_never_started_goes_back_on_the_same_attempt_when_lost()
    {
        // The start command died with a silo: nothing was printed, so nothing failed.
        var job = Assigned();
        Assert.True(job.Lost("p1", T0.AddMinutes(5)));
        Assert.Equal((JobStatus.Queued, 1, null), (job.State.Status, job.State.Attempt, job.State.Problem));
        Assert.Empty(job.State.Attempts);
        Assert.False(job.Lost("p1", T0.AddMinutes(6)), "news about a printer it is no longer on changes nothing");
    }

    [Fact]
    public void A_redelivered_start_from_the_same_printer_un_stalls_it()
    {
        var job = Printing();
        job.Stall("p1", T0.AddMinutes(1));
        Assert.True(job.Started("p1", "X1C", T0.AddMinutes(2)));
        Assert.Equal(JobStatus.Printing, job.State.Status);
    }

    [Fact]
    public void A_stalled_part_is_expected_later_as_time_passes_and_the_estimate_says_why()
    {
        var estimator = new DeliveryEstimator(new EstimateOptions { SafetyMarginShare = 0, MinimumSafetyMargin = TimeSpan.Zero, TransitMarginDays = 0 },
            new FinishingTimes(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(5)));
        var stalled = new JobEstimateInput { Status = JobStatus.Stalled, EstimatedPrintSeconds = 600, Material = "PLA", StatusSince = T0, RemainingSeconds = 300 };
        var order = new OrderEstimateInput { ShippingMethod = "standard", DestinationCountry = "FR", PlacedAt = T0, Jobs = [stalled] };
        var soon = estimator.Estimate(order, new PrintTimeModel(), T0);
        var later = estimator.Estimate(order, new PrintTimeModel(), T0.AddHours(3));
        Assert.Equal(T0.AddSeconds(300).AddMinutes(25), soon.ReadyAt);
        Assert.Equal(T0.AddHours(3).AddSeconds(300).AddMinutes(25), later.ReadyAt);
        Assert.Contains("stopped reporting", soon.Caveat);
    }
}
