namespace PrintFarm.Silo.Storage;

/// <summary>What <see cref="PostgresSchema"/> did with one script.</summary>
public sealed record SchemaStep(string Script, SchemaOutcome Outcome);
