namespace PrintFarm.Orders;

/// <summary>
/// The late-order rule: an open order is late when its current estimate is past the delivery
/// promised at placement, or when that promise has passed and it is not delivered. Pure.
/// </summary>
public static class OrderLateness
{
    /// <returns>The order as a late order, or null when it is on time (or cannot be late).</returns>
    public static LateOrder? Check(OpenOrder order, DateTimeOffset now, DateTimeOffset? lateSince = null)
    {
        if (!order.IsOpen || order.PromisedDeliverBy is not { } promised) return null;
        var expected = order.EstimatedDeliverBy ?? promised;
        // Not delivered yet, so it cannot arrive before now.
        var atBest = expected > now ? expected : now;
        if (atBest <= promised) return null;
        return new LateOrder
        {
            Reference = order.Reference,
            Stage = order.Status,
            Promised = promised,
            CurrentEstimate = order.EstimatedDeliverBy,
            LateBy = atBest - promised,
            Reason = now > promised ? LateReason.PromisePassed : LateReason.EstimatePastPromise,
            Since = lateSince ?? now,
            CheckedAt = now,
        };
    }
}
