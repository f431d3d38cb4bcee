namespace PrintFarm.Jobs;

/// <summary>One try at printing a job, kept so the customer and the operator see what happened.</summary>
public sealed class JobAttempt
{
    public int Number { get; set; }
    public string? PrinterId { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Null while running; "printed", or why it failed in plain words.</summary>
    public string? Outcome { get; set; }
}
