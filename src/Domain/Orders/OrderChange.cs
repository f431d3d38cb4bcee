namespace PrintFarm.Orders;

/// <summary>How much a piece of news changed an order, so the grain knows whether to persist.</summary>
public enum OrderChange
{
    None,
    /// <summary>Live figures only (progress, time left): shown, not stored.</summary>
    Progress,
    /// <summary>A stage, a problem or an attempt moved: stored and shown.</summary>
    Stage,
}
