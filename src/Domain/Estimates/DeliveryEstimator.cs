using PrintFarm.Jobs;

namespace PrintFarm.Estimates;

/// <summary>
/// When an order will ship and be delivered, from where each of its jobs stands.
/// <para>
/// Each live job gets an expected done time (through post-processing and QC): a queued job from
/// its projected start plus its expected print time (the slicer's estimate corrected by the
/// learned factor for the printer model and material); a printing job from the printer's own
/// remaining time, or the expected print time less what has elapsed; a job in post-processing
/// or QC from what is left of those steps; a done job from when it was done. The order is ready
/// when its last job is, plus a safety margin on the production still ahead; then it is packed,
/// shipped at the next cut-off and delivered after the carrier's transit days
/// (<see cref="ShippingCalendar"/>).
/// </para>
/// A queued job that no online printer can take is assumed to start after
/// <see cref="EstimateOptions.UnplannedStartDelay"/>; a blocked job as if reprinted from the back
/// of the queue. Both are said in the result's caveat.
/// </summary>
public sealed class DeliveryEstimator
{
    private readonly EstimateOptions _options;
    private readonly Func<string, FinishingTimes> _finishing;

    public DeliveryEstimator(EstimateOptions options, ShippingCalendar calendar, Func<string, FinishingTimes> finishingFor)
    {
        _options = options;
        Calendar = calendar;
        _finishing = finishingFor;
    }

    public DeliveryEstimator(EstimateOptions options, FinishingTimes finishing)
        : this(options, new ShippingCalendar(options), _ => finishing)
    {
    }

    public ShippingCalendar Calendar { get; }

    public EstimateResult Estimate(OrderEstimateInput order, PrintTimeModel printTimes, DateTimeOffset now)
    {
        DateTimeOffset? ready = null;
        var unprinted = false;
        string? noPrinterFor = null;
        var blocked = false;
        var stalled = false;
        foreach (var job in order.Jobs)
        {
            if (job.Status == JobStatus.Cancelled) continue;
            var done = DoneAt(job, printTimes, now, ref noPrinterFor, ref blocked, ref stalled);
            if (job.Status is JobStatus.Queued or JobStatus.Assigned or JobStatus.Printing or JobStatus.Blocked or JobStatus.Stalled)
                unprinted = true;
            if (ready is null || done > ready) ready = done;
        }

        // Nothing left to make (or nothing at all): the parcel can be packed from now on.
        var readyAt = ready ?? now;
        if (unprinted && readyAt > now)
        {
            var margin = TimeSpan.FromTicks((long)((readyAt - now).Ticks * _options.SafetyMarginShare));
            readyAt += margin > _options.MinimumSafetyMargin ? margin : _options.MinimumSafetyMargin;
        }
        // Parts done a while ago may already be in their box; packing never ends in the past.
        var packed = Max(readyAt + _options.Packing, now);
        var (shipBy, deliverBy) = Calendar.Plan(packed, order.ShippingMethod, order.DestinationCountry);

        return new EstimateResult
        {
            ReadyAt = readyAt,
            ShipBy = shipBy,
            DeliverBy = deliverBy,
            Caveat = Caveat(noPrinterFor, blocked, stalled),
        };
    }

    private DateTimeOffset DoneAt(JobEstimateInput job, PrintTimeModel printTimes, DateTimeOffset now, ref string? noPrinterFor, ref bool blocked, ref bool stalled)
    {
        var finishing = _finishing(job.Material);
        var printTime = printTimes.ExpectedPrintTime(job.EstimatedPrintSeconds, job.PrinterModel, job.Material);
        switch (job.Status)
        {
            case JobStatus.Queued:
                var start = job.ProjectedStart;
                if (start is null)
                {
                    noPrinterFor ??= job.Material;
                    start = now + _options.UnplannedStartDelay;
                }
                return Max(start.Value, now) + printTime + finishing.Total;
            case JobStatus.Assigned:
                return now + printTime + finishing.Total;
            case JobStatus.Stalled:
                // Time passes while nobody prints: the part is as far as it was when the printer went quiet.
                stalled = true;
                return now + (job.RemainingSeconds is { } left ? TimeSpan.FromSeconds(Math.Max(0, left)) : printTime) + finishing.Total;
            case JobStatus.Printing:
                var remaining = job.RemainingSeconds is { } live
                    ? TimeSpan.FromSeconds(Math.Max(0, live))
                    : Max(TimeSpan.Zero, printTime - (now - (job.StartedAt ?? job.StatusSince)));
                return now + remaining + finishing.Total;
            case JobStatus.PostProcessing:
                return Max(job.StatusSince + finishing.PostProcessing, now) + finishing.QualityCheck;
            case JobStatus.QualityCheck:
                return Max(job.StatusSince + finishing.QualityCheck, now);
            case JobStatus.Done:
                return job.StatusSince;
            case JobStatus.Blocked:
                blocked = true;
                var reprint = job.QueueTailStart ?? now + _options.UnplannedStartDelay;
                return Max(reprint, now) + printTime + finishing.Total;
            default:
                return now;
        }
    }

    private static string? Caveat(string? noPrinterFor, bool blocked, bool stalled)
    {
        var parts = new List<string>(3);
        if (stalled) parts.Add("a printer stopped reporting mid-print, so this assumes it carries on when it is back");
        if (blocked) parts.Add("a part failed to print several times and an operator must look at it before it is reprinted");
        if (noPrinterFor is not null) parts.Add($"the {noPrinterFor} parts are not scheduled on a printer yet, so this is a cautious estimate");
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
