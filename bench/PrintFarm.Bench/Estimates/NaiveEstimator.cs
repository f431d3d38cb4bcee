using PrintFarm.Estimates;
using PrintFarm.Jobs;

namespace PrintFarm.Bench.Estimates;

/// <summary>
/// The estimate a shop gives without a farm model: the slicer times of what is left to print,
/// one after the other, plus a fixed lead time, plus the carrier's transit days. The yardstick.
/// </summary>
public sealed class NaiveEstimator(ShippingCalendar calendar, TimeSpan leadTime)
{
    public (DateTimeOffset ShipBy, DateTimeOffset DeliverBy) Estimate(SimOrder order, DateTimeOffset now)
    {
        var left = order.Jobs
            .Where(j => j.Status is JobStatus.Queued or JobStatus.Assigned or JobStatus.Printing)
            .Sum(j => (long)j.EstimatedPrintSeconds);
        var shipBy = now + TimeSpan.FromSeconds(left) + leadTime;
        if (calendar.IsPickup(order.Method)) return (shipBy, shipBy);
        return (shipBy, calendar.DeliveryAfter(shipBy, calendar.TransitDays(order.Method, order.Country)));
    }
}
