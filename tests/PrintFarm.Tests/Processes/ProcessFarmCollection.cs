namespace PrintFarm.Tests.Processes;

/// <summary>Keeps the real-process tests from running side by side (xunit runs collections in parallel).</summary>
[CollectionDefinition(ProcessFarm.Collection, DisableParallelization = true)]
public sealed class ProcessFarmCollection;
