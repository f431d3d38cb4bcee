namespace PrintFarm.Designs;

/// <summary>A design an open order prints cannot be deleted: its jobs still need the file.</summary>
[GenerateSerializer, Alias("PrintFarm.DesignInUseException")]
public sealed class DesignInUseException(Guid id, IReadOnlyList<string> orders)
    : Exception($"Design {id} is printed by open orders ({string.Join(", ", orders)}); it can be deleted once they have shipped or been cancelled.")
{
    [Id(0)] public Guid Id { get; } = id;
    [Id(1)] public IReadOnlyList<string> Orders { get; } = orders;
}
