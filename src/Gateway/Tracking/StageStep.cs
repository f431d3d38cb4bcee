using PrintFarm.Orders;

namespace PrintFarm.Gateway.Tracking;

/// <summary>One stage of the status bar, with when the order last reached it (null if not yet, or skipped).</summary>
public sealed record StageStep(OrderStatus Stage, string Label, StepState State, DateTimeOffset? ReachedAt);
