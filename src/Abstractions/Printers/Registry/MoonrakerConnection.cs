namespace PrintFarm.Printers.Registry;

/// <summary>A Moonraker instance's [mqtt] settings as the farm needs them.</summary>
[GenerateSerializer, Alias("PrintFarm.MoonrakerConnection")]
public sealed class MoonrakerConnection
{
    /// <summary>Moonraker's <c>instance_name</c>, the first topic segment of everything it publishes.</summary>
    [Id(0)] public string? Instance { get; set; }

    public override string ToString() => $"moonraker {Instance}";
}
