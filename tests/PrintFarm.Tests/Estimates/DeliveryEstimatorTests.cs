using PrintFarm.Estimates;
using PrintFarm.Jobs;

namespace PrintFarm.Tests.Estimates;

[Trait("Category", "Unit")]
public sealed class DeliveryEstimatorTests
{
    // Monday 08:00 UTC; post-processing 20 min, QC 5 min, packing 30 min, cut-off 16:00, no margins.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly FinishingTimes Finishing = new(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(5));

    private static DateTimeOffset Monday(int hour, int minute = 0) => new(2026, 11, 23, hour, minute, 0, TimeSpan.Zero);

    private static DeliveryEstimator Estimator(Action<EstimateOptions>? configure = null)
    {
        var options = new EstimateOptions
        {
            SafetyMarginShare = 0, MinimumSafetyMargin = TimeSpan.Zero, TransitMarginDays = 0,
        };
        configure?.Invoke(options);
        return new DeliveryEstimator(options, Finishing);
    }

    private static JobEstimateInput Job(JobStatus status, int seconds = 7200, string material = "PLA") => new()
    {
        Status = status, EstimatedPrintSeconds = seconds, Material = material, StatusSince = Now,
    };

    private static OrderEstimateInput Order(string method, string? country, params JobEstimateInput[] jobs) => new()
    {
        ShippingMethod = method, DestinationCountry = country, PlacedAt = Now.AddHours(-1), Jobs = jobs,
    };

    private static EstimateResult Estimate(params JobEstimateInput[] jobs) =>
        Estimator().Estimate(Order("standard", "FR", jobs), new PrintTimeModel(), Now);

    [Fact]
    public void A_queued_job_is_ready_after_its_projected_start_print_time_and_finishing()
    {
        var result = Estimate(Job(JobStatus.Queued) with { ProjectedStart = Monday(9) });
        Assert.Equal(Monday(11, 25), result.ReadyAt);
        Assert.Equal(Monday(16), result.ShipBy);
        Assert.Equal(Monday(18).AddDays(2), result.DeliverBy);
        Assert.Null(result.Caveat);
    }

    [Fact]
    public void Ready_too_late_for_the_cutoff_ships_the_next_day()
    {
        // Start 13:00 + 2 h + 25 min = 15:25, packed 15:55: still today. Start 13:10: tomorrow.
        Assert.Equal(Monday(16), Estimate(Job(JobStatus.Queued) with { ProjectedStart = Monday(13) }).ShipBy);
        Assert.Equal(Monday(16).AddDays(1), Estimate(Job(JobStatus.Queued) with { ProjectedStart = Monday(13, 10) }).ShipBy);
    }

    [Fact]
    public void A_queued_job_no_printer_can_take_gets_a_cautious_estimate_and_says_why()
    {
        var result = Estimate(Job(JobStatus.Queued, material: "TPU"));
        Assert.Equal(Now + TimeSpan.FromDays(1) + TimeSpan.FromHours(2) + Finishing.Total, result.ReadyAt);
        Assert.Contains("the TPU parts are not scheduled on a printer yet", result.Caveat);
        Assert.Contains("TPU parts are not scheduled", result.ToDeliveryEstimate(Now, "Order received").Reason);
    }

    [Fact]
    public void Print_time_is_corrected_by_the_learned_factor_of_the_printer_model()
    {
        var model = new PrintTimeModel();
        for (var i = 0; i < 50; i++) model.Learn("MK4", "PLA", 1000, 1500);
        var result = Estimator().Estimate(
            Order("standard", "FR", Job(JobStatus.Queued) with { ProjectedStart = Monday(9), PrinterModel = "MK4" }), model, Now);
        Assert.Equal(Monday(12, 25), result.ReadyAt);
    }

    [Fact]
    public void An_assigned_job_starts_now()
    {
        Assert.Equal(Monday(10, 25), Estimate(Job(JobStatus.Assigned)).ReadyAt);
    }

    [Fact]
    public void A_printing_job_uses_the_printer_live_remaining_time()
    {
        var result = Estimate(Job(JobStatus.Printing) with { StartedAt = Now.AddHours(-1), RemainingSeconds = 1800 });
        Assert.Equal(Monday(8, 55), result.ReadyAt);
    }

    [Fact]
    public void A_printing_job_without_telemetry_uses_the_expected_time_less_what_has_elapsed()
    {
        Assert.Equal(Monday(9, 25), Estimate(Job(JobStatus.Printing) with { StartedAt = Now.AddHours(-1) }).ReadyAt);
        // Running past its estimate: it may end any moment, never in the past.
        Assert.Equal(Monday(8, 25), Estimate(Job(JobStatus.Printing) with { StartedAt = Now.AddHours(-5) }).ReadyAt);
    }

    [Fact]
    public void Finishing_steps_count_only_what_is_left_of_them()
    {
        Assert.Equal(Monday(8, 25), Estimate(Job(JobStatus.PostProcessing)).ReadyAt);
        Assert.Equal(Monday(8, 15), Estimate(Job(JobStatus.PostProcessing) with { StatusSince = Now.AddMinutes(-10) }).ReadyAt);
        Assert.Equal(Monday(8, 3), Estimate(Job(JobStatus.QualityCheck) with { StatusSince = Now.AddMinutes(-2) }).ReadyAt);
        // Overdue steps end now, not in the past.
        Assert.Equal(Monday(8, 5), Estimate(Job(JobStatus.PostProcessing) with { StatusSince = Now.AddHours(-1) }).ReadyAt);
    }

    [Fact]
    public void Finishing_times_can_depend_on_the_material()
    {
        var options = new EstimateOptions { SafetyMarginShare = 0, MinimumSafetyMargin = TimeSpan.Zero };
        var estimator = new DeliveryEstimator(options, new ShippingCalendar(options),
            material => material == "RESIN" ? new FinishingTimes(TimeSpan.FromHours(2), TimeSpan.FromMinutes(5)) : Finishing);
        var result = estimator.Estimate(Order("standard", "FR", Job(JobStatus.PostProcessing, material: "RESIN")), new PrintTimeModel(), Now);
        Assert.Equal(Monday(10, 5), result.ReadyAt);
    }

    [Fact]
    public void Done_jobs_count_from_when_they_were_done_and_packing_never_ends_in_the_past()
    {
        var result = Estimate(Job(JobStatus.Done) with { StatusSince = Now.AddMinutes(-10) }, Job(JobStatus.Done) with { StatusSince = Now.AddHours(-3) });
        Assert.Equal(Now.AddMinutes(-10), result.ReadyAt);
        Assert.Equal(Monday(16), result.ShipBy);

        var pickup = Estimator().Estimate(Order("pickup", null, Job(JobStatus.Done) with { StatusSince = Now.AddHours(-3) }), new PrintTimeModel(), Now);
        Assert.Equal(Now, pickup.DeliverBy);
    }

    [Fact]
    public void The_order_is_ready_when_its_slowest_live_job_is()
    {
        var result = Estimate(
            Job(JobStatus.Done) with { StatusSince = Now.AddHours(-1) },
            Job(JobStatus.Printing) with { RemainingSeconds = 600 },
            Job(JobStatus.Queued) with { ProjectedStart = Monday(12) },
            Job(JobStatus.Cancelled) with { ProjectedStart = Monday(20) });
        Assert.Equal(Monday(14, 25), result.ReadyAt);
    }

    [Fact]
    public void A_blocked_job_is_estimated_as_a_reprint_from_the_back_of_the_queue()
    {
        var result = Estimate(Job(JobStatus.Blocked) with { QueueTailStart = Monday(15) });
        Assert.Equal(Monday(17, 25), result.ReadyAt);
        Assert.Equal(Monday(16).AddDays(1), result.ShipBy);
        Assert.Contains("operator", result.Caveat);
    }

    [Fact]
    public void A_failed_print_moves_the_estimate_later()
    {
        var printing = Estimate(Job(JobStatus.Printing) with { StartedAt = Now.AddHours(-1), RemainingSeconds = 3600 });
        // The print failed; the job is queued again and the schedule finds it a printer at 14:30.
        var reprint = Estimate(Job(JobStatus.Queued) with { ProjectedStart = Monday(14, 30) });

        Assert.Equal(Monday(16), printing.ShipBy);
        Assert.True(reprint.ReadyAt > printing.ReadyAt);
        Assert.Equal(Monday(16).AddDays(1), reprint.ShipBy);
        Assert.True(reprint.DeliverBy > printing.DeliverBy);
    }

    [Fact]
    public void Transit_follows_method_and_destination()
    {
        var job = Job(JobStatus.Queued) with { ProjectedStart = Monday(9) };
        var estimator = Estimator();
        DateTimeOffset DeliverBy(string method, string? country) =>
            estimator.Estimate(Order(method, country, job), new PrintTimeModel(), Now).DeliverBy;

        Assert.Equal(Monday(18).AddDays(2), DeliverBy("standard", "FR"));
        Assert.Equal(Monday(18).AddDays(4), DeliverBy("standard", "DE"));
        Assert.Equal(Monday(18).AddDays(9), DeliverBy("standard", "US")); // 7 business days: over a weekend
        Assert.Equal(Monday(18).AddDays(1), DeliverBy("express", "FR"));
        Assert.Equal(Monday(18).AddDays(2), DeliverBy("express", "NL"));
        Assert.Equal(Monday(18).AddDays(4), DeliverBy("express", "AU"));
        // Pickup: collectable once packed, with no cut-off.
        Assert.Equal(Monday(11, 55), DeliverBy("pickup", null));
    }

    [Fact]
    public void The_safety_margin_grows_with_the_production_ahead()
    {
        var estimator = Estimator(o =>
        {
            o.SafetyMarginShare = 0.1;
            o.MinimumSafetyMargin = TimeSpan.FromMinutes(30);
        });
        // 3 h 25 min ahead: 10 % is 20.5 min, below the 30 min floor.
        var soon = estimator.Estimate(Order("standard", "FR", Job(JobStatus.Queued) with { ProjectedStart = Monday(9) }), new PrintTimeModel(), Now);
        Assert.Equal(Monday(11, 55), soon.ReadyAt);
        // 20 h 25 min ahead: 10 % is 122.5 min.
        var later = estimator.Estimate(Order("standard", "FR", Job(JobStatus.Queued, seconds: 72000) with { ProjectedStart = Now }), new PrintTimeModel(), Now);
        Assert.Equal(Now + TimeSpan.FromMinutes(1225 * 1.1), later.ReadyAt);
        // Nothing left to print: no margin on finishing steps whose times are known.
        Assert.Equal(Monday(8, 25), estimator.Estimate(Order("standard", "FR", Job(JobStatus.PostProcessing)), new PrintTimeModel(), Now).ReadyAt);
    }

    [Fact]
    public void By_default_the_promise_carries_an_hour_of_margin_and_a_day_for_the_carrier()
    {
        var estimator = new DeliveryEstimator(new EstimateOptions(), Finishing);
        var result = estimator.Estimate(Order("standard", "FR", Job(JobStatus.Queued) with { ProjectedStart = Monday(9) }), new PrintTimeModel(), Now);
        // 3 h 25 min ahead: 20 % is 41 min, so the one-hour floor applies.
        Assert.Equal(Monday(12, 25), result.ReadyAt);
        Assert.Equal(Monday(16), result.ShipBy);
        // Two business days for the carrier and one for its bad days.
        Assert.Equal(Monday(18).AddDays(3), result.DeliverBy);
    }
}
