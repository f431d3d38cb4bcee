namespace PrintFarm.Dispatch;

/// <summary>Bound from configuration section <c>Dispatch</c>.</summary>
public sealed class DispatchOptions
{
    public const string Section = "Dispatch";

    /// <summary>How often the projected schedule is worked out again when the queue or the fleet changed.</summary>
    public TimeSpan ProjectionInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A queued job hears of its projected start only when it moves at least this much.</summary>
    public TimeSpan ProjectionThreshold { get; set; } = TimeSpan.FromMinutes(5);
}
