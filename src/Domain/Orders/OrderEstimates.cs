using PrintFarm.Estimates;
using PrintFarm.Jobs;

namespace PrintFarm.Orders;

/// <summary>
/// How an order's state feeds the delivery estimator, and when a new estimate is worth keeping.
/// Pure: the grain supplies the estimator, the learned print times and the clock.
/// </summary>
public static class OrderEstimates
{
    /// <summary>Orders past production, on hold or not produced keep the estimate they have.</summary>
    public static bool Applies(OrderState state) =>
        state.Status is not (OrderStatus.Test or OrderStatus.Cancelled or OrderStatus.Delivered or OrderStatus.OnHold or OrderStatus.Shipped);

    public static OrderEstimateInput Input(OrderState state) => new()
    {
        ShippingMethod = state.Shipping.Method ?? "standard",
        DestinationCountry = state.Shipping.Address?.Country?.ToUpperInvariant(),
        PlacedAt = state.PlacedAt,
        Jobs = state.Items
            .Where(i => i.Status != ItemStatus.Cancelled)
            .SelectMany(item => item.Jobs.Where(j => j.Status != JobStatus.Cancelled).Select(job => new JobEstimateInput
            {
                Status = job.Status,
                EstimatedPrintSeconds = item.EstimatedPrintSeconds,
                Material = item.Material,
                StatusSince = job.StatusSince ?? state.PlacedAt,
                PrinterModel = job.PrinterModel,
                StartedAt = job.StartedAt,
                RemainingSeconds = job.Status is JobStatus.Printing or JobStatus.Stalled ? job.RemainingSeconds : null,
                ProjectedStart = job.ProjectedStart,
            }))
            .ToList(),
    };

    /// <summary>Keeps the new estimate when it moved enough, or its caveat changed, to tell a person; the first becomes the promise.</summary>
    public static bool Apply(OrderState state, DateTimeOffset shipBy, DateTimeOffset deliverBy, string? caveat, string reason, TimeSpan threshold, DateTimeOffset now)
    {
        if (!EstimateChange.IsMeaningful(state.Estimate, shipBy, deliverBy, caveat, threshold)) return false;
        var estimate = new DeliveryEstimate
        {
            ShipBy = shipBy,
            DeliverBy = deliverBy,
            UpdatedAt = now,
            Reason = caveat is null ? reason : $"{reason}; {caveat}",
            Caveat = caveat,
        };
        state.Estimate = estimate;
        state.EstimateHistory.Add(estimate);
        state.PromisedDeliverBy ??= estimate.DeliverBy;
        state.Version++;
        return true;
    }

    /// <summary>Why the estimate moved after an operator's move.</summary>
    public static string ReasonForMove(OrderStatus status, OrderStatus before) => status switch
    {
        OrderStatus.Queued when before == OrderStatus.OnHold => "the hold was lifted",
        OrderStatus.Queued => "the review passed",
        _ => $"the order is {status}",
    };

    /// <summary>Why the estimate moved, in the customer's words, from the job news that moved it.</summary>
    public static string ReasonFor(ItemJobState? before, JobSnapshot after) => after.Status switch
    {
        JobStatus.Queued when before is not null && after.Attempt > before.Attempt => $"{after.Design}: {after.Problem ?? "reprinting"}",
        JobStatus.Queued when before?.Status is JobStatus.Queued && before.ProjectedStart != after.ProjectedStart => "the queue ahead moved",
        JobStatus.Assigned => "a printer was chosen",
        JobStatus.Printing when before?.Status == JobStatus.Printing => "printing progress",
        JobStatus.Printing when before?.Status == JobStatus.Stalled => "the printer is back and still printing",
        JobStatus.Stalled => $"{after.Design}: {after.Problem ?? "its printer stopped reporting"}",
        JobStatus.Printing => "printing started",
        JobStatus.PostProcessing => "a part finished printing",
        JobStatus.QualityCheck => "a part is in quality check",
        JobStatus.Done => "a part passed quality check",
        JobStatus.Blocked => $"{after.Design}: {after.Problem ?? "needs an operator"}",
        _ => "production moved",
    };
}
