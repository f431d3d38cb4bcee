namespace PrintFarm.Printers.Registry;

/// <summary>An OctoPrint instance's MQTT plugin settings as the farm needs them.</summary>
[GenerateSerializer, Alias("PrintFarm.OctoPrintConnection")]
public sealed class OctoPrintConnection
{
    /// <summary>The plugin's <c>baseTopic</c>, unique per instance (e.g. <c>farm/octo-07/</c>).</summary>
    [Id(0)] public string? BaseTopic { get; set; }

    public override string ToString() => $"octoprint {BaseTopic}";
}
