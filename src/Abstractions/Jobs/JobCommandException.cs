namespace PrintFarm.Jobs;

/// <summary>An operator asked a job for something its stage does not allow.</summary>
[GenerateSerializer, Alias("PrintFarm.JobCommandException")]
public sealed class JobCommandException(string message) : Exception(message);
