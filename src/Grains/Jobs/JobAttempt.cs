namespace PrintFarm.Jobs;

/// <summary>One try at printing a job, kept so the customer and the operator see what happened.</summary>
[GenerateSerializer, Alias("PrintFarm.JobAttempt")]
public sealed class JobAttempt
{
    [Id(0)] public int Number { get; set; }
    [Id(1)] public string? PrinterId { get; set; }
    [Id(2)] public DateTimeOffset? StartedAt { get; set; }
    [Id(3)] public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Null while running; "printed", or why it failed in plain words.</summary>
    [Id(4)] public string? Outcome { get; set; }
}
