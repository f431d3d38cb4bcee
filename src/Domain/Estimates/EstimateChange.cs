namespace PrintFarm.Estimates;

/// <summary>Decides when a recomputed estimate is news for the customer.</summary>
public static class EstimateChange
{
    /// <summary>
    /// Whether a new estimate is worth storing and pushing: the first one always is, later ones
    /// when the ship or delivery time moves by at least <paramref name="threshold"/> either way, or
    /// when what it assumes changed: a cautious estimate whose parts have since found a printer
    /// is no longer cautious, even when its day stays the same, and must not go on saying so.
    /// Progress ticks that nudge the ready time by minutes rarely move a cut-off-aligned ship
    /// time, so at 10,000 printers orders stay quiet until something a customer would notice.
    /// </summary>
    public static bool IsMeaningful(DeliveryEstimate? before, DateTimeOffset newShipBy, DateTimeOffset newDeliverBy, string? newCaveat, TimeSpan threshold)
    {
        if (before is null) return true;
        return (newShipBy - before.ShipBy).Duration() >= threshold
            || (newDeliverBy - before.DeliverBy).Duration() >= threshold
            || before.Caveat != newCaveat;
    }
}
