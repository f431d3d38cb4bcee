namespace PrintFarm.Silo.Storage;

public enum SchemaOutcome
{
    /// <summary>Run now.</summary>
    Applied,
    /// <summary>Recorded as applied by an earlier run: nothing done.</summary>
    AlreadyApplied,
    /// <summary>Its tables were there already (created outside PrintFarm): recorded, not run.</summary>
    FoundInPlace,
}
