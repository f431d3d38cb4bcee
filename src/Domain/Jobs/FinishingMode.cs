namespace PrintFarm.Jobs;

/// <summary>How a finishing step (post-processing, quality check) completes.</summary>
public enum FinishingMode
{
    /// <summary>By itself once its configured time has passed (the demo, or a trusted line).</summary>
    Automatic,
    /// <summary>When an operator says so through the API.</summary>
    Operator,
}
