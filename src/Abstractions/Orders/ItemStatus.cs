namespace PrintFarm.Orders;

/// <summary>The stage of one order item, the least advanced of its print jobs.</summary>
public enum ItemStatus
{
    Queued,
    Printing,
    PostProcessing,
    QualityCheck,
    Ready,
    /// <summary>Used up its print attempts; an operator has to look.</summary>
    Blocked,
    Cancelled,
    /// <summary>Its printer stopped reporting mid-print; the farm waits for it to come back. Last: stored numbers stay.</summary>
    Stalled,
}
